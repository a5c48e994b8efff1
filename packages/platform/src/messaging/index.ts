export * from './topology/index.js';
export * from './broker/index.js';
export * from './consumer/index.js';
export { jobMessageHeaders, type JobMessageHeaderOptions } from './job-message-headers.js';
export * from './rabbitmq/index.js';
export * from './sql-broker/index.js';
