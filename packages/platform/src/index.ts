export * from './config/index.js';
export * from './context/index.js';
export * from './http/index.js';
export * from './observability/index.js';
export * from './resilience/index.js';
export * from './store/index.js';
export * from './idempotency/index.js';
export * from './outbox/index.js';
