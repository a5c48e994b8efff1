import { InvektoError, isInvektoError } from '@invekto/contracts';
import type { FastifyError, FastifyRequest } from 'fastify';
import { DEFAULT_REQUEST_ERROR_CODES, type RequestErrorCodes } from './http-app-options.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
}

function describeValidation(issues: readonly ValidationIssue[], context: string | undefined): string {
  return issues
    .slice(0, 10)
    .map((issue) => `${context ?? 'body'}${issue.instancePath ?? ''} ${issue.message ?? 'is invalid'}`)
    .join('; ');
}

function routeCodes(request: FastifyRequest): RequestErrorCodes {
  return { ...DEFAULT_REQUEST_ERROR_CODES, ...request.routeOptions.config?.errorCodes };
}

/**
 * Turns anything a request can fail with into an InvektoError: ours pass through, Fastify's request
 * errors map to the route's codes, and anything else is an unexpected INV-SYS-003 whose stack stays in the log.
 */
export function toInvektoError(error: unknown, request: FastifyRequest): InvektoError {
  if (isInvektoError(error)) return error;
  const codes = routeCodes(request);
  const fastifyError = error as Partial<FastifyError> & { validation?: ValidationIssue[]; validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    return new InvektoError(codes.validation, {
      details: describeValidation(fastifyError.validation, fastifyError.validationContext),
    });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new InvektoError(codes.bodyTooLarge);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new InvektoError(codes.unsupportedMediaType, { details: fastifyError.message });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new InvektoError(codes.malformedBody, { details: fastifyError.message });
    default:
      break;
  }
  if (fastifyError.statusCode !== undefined && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Any other client-side failure Fastify detects (bad header framing, aborted upload) is a malformed request.
    return new InvektoError(codes.malformedBody, { details: fastifyError.message });
  }
  return new InvektoError('INV-SYS-003', { details: fastifyError.message, cause: error });
}
