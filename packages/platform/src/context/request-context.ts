/** What every request and message carries through a process (seed 000 §2.4, seed 001 §7). */
export interface RequestContext {
  readonly tenantId: string | undefined;
  readonly chatId: string | undefined;
  readonly userId: string | undefined;
  /** ULID, taken from X-Request-Id or generated. */
  readonly requestId: string;
  /** W3C trace id: 32 lower-case hex characters. */
  readonly traceId: string;
  /** This process's span for the request: 16 lower-case hex characters. */
  readonly spanId: string;
  /** The caller's span, when the caller sent one. */
  readonly parentSpanId: string | undefined;
  readonly idempotencyKey: string | undefined;
  /** Epoch milliseconds when the request arrived. */
  readonly receivedAt: number;
}
