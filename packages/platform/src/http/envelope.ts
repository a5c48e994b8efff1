import type { ErrorInfo, InvektoError, ResponseMetadata, StandardResponse } from '@invekto/contracts';
import type { FastifyRequest } from 'fastify';
import { performance } from 'node:perf_hooks';

export type MetaExtras = Partial<
  Pick<ResponseMetadata, 'isDegraded' | 'degradedReason' | 'jobId' | 'warnings' | 'processing'>
>;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function responseMeta(request: FastifyRequest, extras: MetaExtras = {}): ResponseMetadata {
  const context = request.invektoContext;
  return {
    requestId: context?.requestId ?? String(request.id),
    ...(context === undefined ? {} : { traceId: context.traceId }),
    processingTimeMs: round2(performance.now() - request.startedAt),
    serviceVersion: request.server.serviceInfo.version,
    isDegraded: extras.isDegraded ?? false,
    ...(extras.degradedReason === undefined ? {} : { degradedReason: extras.degradedReason }),
    ...(extras.jobId === undefined ? {} : { jobId: extras.jobId }),
    ...(extras.warnings === undefined ? {} : { warnings: extras.warnings }),
    ...(extras.processing === undefined ? {} : { processing: extras.processing }),
  };
}

/** A successful StandardResponse for `request`. */
export function success<T>(request: FastifyRequest, data: T, extras?: MetaExtras): StandardResponse<T> {
  return { success: true, data, error: null, meta: responseMeta(request, extras) };
}

export function errorInfo(request: FastifyRequest, error: InvektoError): ErrorInfo {
  const info: ErrorInfo = { code: error.code, message: error.message, category: error.category };
  if (request.server.serviceInfo.exposeErrorDetails && error.details !== undefined) info.details = error.details;
  const traceId = request.invektoContext?.traceId;
  if (traceId !== undefined) info.traceId = traceId;
  return info;
}

/** A failed StandardResponse for `request`. */
export function failure(request: FastifyRequest, error: InvektoError, data: unknown = null): StandardResponse<unknown> {
  return { success: false, data, error: errorInfo(request, error), meta: responseMeta(request) };
}
