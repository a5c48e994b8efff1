import { HeaderNames, InvektoError } from '@invekto/contracts';
import type { RequestContext } from './request-context.js';
import { isTraceId, newRequestId, newSpanId, newTraceId, parseTraceParent } from './trace-ids.js';

/** Incoming headers as Node gives them: lower-case names, a value or a list. */
export type IncomingHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

// Identifiers travel into logs, keys and queues: keep them short and free of separators that could forge keys.
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

function single(headers: IncomingHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InvektoError('INV-VAL-005', { message: `Header ${name} must be sent once.` });
  }
  return value;
}

function identifier(headers: IncomingHeaders, name: string): string | undefined {
  const value = single(headers, name);
  if (value === undefined || value === '') return undefined;
  if (!IDENTIFIER.test(value)) {
    throw new InvektoError('INV-VAL-005', {
      message: `Header ${name} must be 1-128 characters of letters, digits and . _ : @ -.`,
    });
  }
  return value;
}

/**
 * Reads the request context from HTTP or message headers (seed 000 §0.3, §2.4).
 * Identity headers with bad values are rejected (INV-VAL-005); bad trace headers are ignored and a
 * new trace starts, as W3C Trace Context requires. traceparent wins over X-Trace-Id when both are valid.
 * Without X-Request-Id the request gets `generatedRequestId`, else a new ULID.
 */
export function contextFromHeaders(
  headers: IncomingHeaders,
  receivedAt = Date.now(),
  generatedRequestId?: string,
): RequestContext {
  const traceParent = parseTraceParent(single(headers, HeaderNames.TraceParent));
  const legacyTraceId = single(headers, HeaderNames.TraceId)?.trim().toLowerCase();
  const traceId =
    traceParent?.traceId ?? (legacyTraceId !== undefined && isTraceId(legacyTraceId) ? legacyTraceId : newTraceId());
  const legacyParent = single(headers, HeaderNames.SpanId)?.trim().toLowerCase();
  return {
    tenantId: identifier(headers, HeaderNames.TenantId),
    chatId: identifier(headers, HeaderNames.ChatId),
    userId: identifier(headers, HeaderNames.UserId),
    requestId: identifier(headers, HeaderNames.RequestId) ?? generatedRequestId ?? newRequestId(receivedAt),
    traceId,
    spanId: newSpanId(),
    parentSpanId:
      traceParent?.parentSpanId ??
      (legacyParent !== undefined && /^[0-9a-f]{16}$/.test(legacyParent) ? legacyParent : undefined),
    idempotencyKey: identifier(headers, HeaderNames.IdempotencyKey),
    receivedAt,
  };
}
