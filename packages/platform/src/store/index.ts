export * from './key-value/index.js';
export * from './sql/index.js';
