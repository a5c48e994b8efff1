import './fastify-augment.js';

export type { ServiceInfo } from './fastify-augment.js';
export { createHttpApp, type HttpApp } from './create-http-app.js';
export { closeGracefully } from './graceful-close.js';
export { listen, type RunningService } from './running-service.js';
export { failure, responseMeta, success, type MetaExtras } from './envelope.js';
export { toInvektoError } from './to-invekto-error.js';
export type { AdmissionControl } from './admission-control.js';
export {
  DEFAULT_REQUEST_ERROR_CODES,
  type HttpAppOptions,
  type ReadinessCheck,
  type RequestErrorCodes,
} from './http-app-options.js';
