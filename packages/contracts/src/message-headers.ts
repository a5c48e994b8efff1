/** Headers every broker message carries (seed 000 §3.2) and the DLQ additions (seed 000 §3.6). */
export const MessageHeaderNames = {
  MessageId: 'x-message-id',
  CorrelationId: 'x-correlation-id',
  TenantId: 'x-tenant-id',
  ChatId: 'x-chat-id',
  TraceId: 'x-trace-id',
  TraceParent: 'traceparent',
  RequestId: 'x-request-id',
  RetryCount: 'x-retry-count',
  MaxRetries: 'x-max-retries',
  FirstFailureAt: 'x-first-failure-at',
  LastError: 'x-last-error',
  ErrorCategory: 'x-error-category',
  OriginalQueue: 'x-original-queue',
  OriginalRoutingKey: 'x-original-routing-key',
  Death: 'x-death',
  SchemaVersion: 'x-schema-version',
  DlqReason: 'x-dlq-reason',
  DlqEnteredAt: 'x-dlq-entered-at',
  RetryHistory: 'x-retry-history',
  LastConsumer: 'x-last-consumer',
} as const;

/** `x-max-retries` default: the five rungs of the retry ladder (seed 000 §1.3). */
export const DEFAULT_MAX_RETRIES = 5;
/** `x-last-error` is truncated to this many characters (seed 000 §3.2). */
export const LAST_ERROR_MAX_LENGTH = 500;
