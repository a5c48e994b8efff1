export * from './chat-analysis-job.js';
export * from './job-status-schema.js';
