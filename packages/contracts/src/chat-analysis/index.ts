export * from './request.js';
export * from './result.js';
