import { DEFAULT_MAX_RETRIES, MessageHeaderNames as H } from '@invekto/contracts';
import { childContext } from '../context/context-to-headers.js';
import type { RequestContext } from '../context/request-context.js';
import { formatTraceParent } from '../context/trace-ids.js';

export interface JobMessageHeaderOptions {
  /** `x-schema-version` of the payload. */
  readonly schemaVersion: string;
  /** @default DEFAULT_MAX_RETRIES (5, the rungs of the ladder) */
  readonly maxRetries?: number;
}

/**
 * The headers of a new job message (seed 000 §3.2), from the context of the request that creates it:
 * the trace continues in the consumer as a child span, and the request id doubles as correlation id.
 * `x-message-id` is added by whoever publishes (outbox or broker).
 */
export function jobMessageHeaders(context: RequestContext, options: JobMessageHeaderOptions): Record<string, string> {
  const publishSpan = childContext(context);
  const headers: Record<string, string> = {
    [H.CorrelationId]: context.requestId,
    [H.RequestId]: context.requestId,
    [H.TraceId]: context.traceId,
    [H.TraceParent]: formatTraceParent(publishSpan.traceId, publishSpan.spanId),
    [H.SchemaVersion]: options.schemaVersion,
    [H.RetryCount]: '0',
    [H.MaxRetries]: String(options.maxRetries ?? DEFAULT_MAX_RETRIES),
  };
  if (context.tenantId !== undefined) headers[H.TenantId] = context.tenantId;
  if (context.chatId !== undefined) headers[H.ChatId] = context.chatId;
  return headers;
}
