import { HeaderNames } from '@invekto/contracts';
import type { RequestContext } from './request-context.js';
import { formatTraceParent, newSpanId } from './trace-ids.js';

/**
 * Headers for a call this process makes on behalf of `context`. The outgoing call gets its own span id,
 * whose parent (the traceparent parent-id) is this process's span.
 */
export function contextToHeaders(context: RequestContext): Record<string, string> {
  const headers: Record<string, string> = {
    [HeaderNames.RequestId]: context.requestId,
    [HeaderNames.TraceId]: context.traceId,
    [HeaderNames.TraceParent]: formatTraceParent(context.traceId, context.spanId),
    [HeaderNames.SpanId]: context.spanId,
  };
  if (context.tenantId !== undefined) headers[HeaderNames.TenantId] = context.tenantId;
  if (context.chatId !== undefined) headers[HeaderNames.ChatId] = context.chatId;
  if (context.userId !== undefined) headers[HeaderNames.UserId] = context.userId;
  if (context.idempotencyKey !== undefined) headers[HeaderNames.IdempotencyKey] = context.idempotencyKey;
  return headers;
}

/** A child context for work started from `context` (an outgoing call, a published message). */
export function childContext(context: RequestContext): RequestContext {
  return { ...context, parentSpanId: context.spanId, spanId: newSpanId() };
}
