export * from './request.js';
export * from './result.js';
export * from './chat-limits.js';
