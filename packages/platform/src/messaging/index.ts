export * from './topology/index.js';
export * from './broker/index.js';
