import type { InvektoError, StandardResponse } from '@invekto/contracts';
import type { RequestContext } from '@invekto/platform/context';

const REASONS: Partial<Record<string, string>> = {
  'INV-SYS-001': 'circuit breaker open',
  'INV-SYS-005': 'too many calls in flight',
  'INV-NET-001': 'timed out',
  'INV-NET-002': 'unreachable',
  'INV-NET-003': 'invalid response',
  'INV-NET-004': 'temporarily unavailable',
  'INV-NET-005': 'rejected the request',
};

/**
 * The answer when a service cannot: no data, the error that explains why, and `isDegraded` with a
 * short reason the UI can show (seed 000 App. E.3: microservice fallback is a partial response).
 */
export function degradedResponse(
  service: string,
  error: InvektoError,
  context: RequestContext,
  elapsedMs: number,
): StandardResponse<never> {
  return {
    success: false,
    data: null,
    error: { code: error.code, message: error.message, category: error.category, traceId: context.traceId },
    meta: {
      requestId: context.requestId,
      traceId: context.traceId,
      processingTimeMs: Math.round(elapsedMs * 100) / 100,
      serviceVersion: 'unavailable',
      isDegraded: true,
      degradedReason: `${service} ${REASONS[error.code] ?? 'failed unexpectedly'}`,
    },
  };
}
