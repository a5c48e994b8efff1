export { buildApp, type BackendAppOptions } from './build-app.js';
export { startBackend, type StartBackendOptions } from './server.js';
export { JOB_CALLBACK_PATH } from './jobs/backend-jobs.js';
export { DEFAULT_TENANT_ID } from './jobs/job-tenant.js';
