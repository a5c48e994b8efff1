import type { RequestContext } from '../context/index.js';
import type { AdmissionControl } from './admission-control.js';
import type { RequestErrorCodes } from './http-app-options.js';

export interface ServiceInfo {
  readonly service: string;
  readonly version: string;
  readonly exposeErrorDetails: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    readonly serviceInfo: ServiceInfo;
    readonly admission: AdmissionControl;
  }
  interface FastifyRequest {
    /** Set by the context hook before any handler runs. */
    invektoContext: RequestContext | undefined;
    /** performance.now() when the request arrived. */
    startedAt: number;
  }
  interface FastifyContextConfig {
    /** Codes this route answers with for malformed, oversized or invalid requests. */
    errorCodes?: Partial<RequestErrorCodes>;
    /** Exempt from the in-flight cap and the shutdown gate (health probes). */
    probe?: boolean;
  }
}
