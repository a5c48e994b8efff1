export { buildApp, type BackendAppOptions } from './build-app.js';
export { startBackend } from './server.js';
