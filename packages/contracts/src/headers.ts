/** HTTP header names shared by every Invekto component (seed 000 §0.3). */
export const HeaderNames = {
  TenantId: 'x-tenant-id',
  ChatId: 'x-chat-id',
  UserId: 'x-user-id',
  RequestId: 'x-request-id',
  TraceId: 'x-trace-id',
  SpanId: 'x-span-id',
  ParentSpanId: 'x-parent-span-id',
  /** W3C Trace Context; honoured alongside X-Trace-Id. */
  TraceParent: 'traceparent',
  IdempotencyKey: 'x-idempotency-key',
  InternalToken: 'x-internal-token',
  TokenTimestamp: 'x-token-timestamp',
  TokenSignature: 'x-token-signature',
  SchemaVersion: 'x-schema-version',
  ClientVersion: 'x-client-version',
  /** Server-Timing style processing time echoed on every response. */
  ResponseTime: 'x-response-time-ms',
} as const;

export type HeaderName = (typeof HeaderNames)[keyof typeof HeaderNames];
