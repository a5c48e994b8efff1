/** Events of a `RabbitMqBroker`; logs and metrics subscribe to them. */
export interface RabbitMqBrokerEvents {
  /** The connection dropped; publishes in flight rejected with `INV-BUS-006`, reconnecting follows. */
  disconnected: { readonly error: Error | undefined };
  /** The next reconnect attempt runs after `delayMs`. */
  'reconnect-scheduled': { readonly attempt: number; readonly delayMs: number; readonly error: unknown };
  /** Connected again, with every subscription consuming again (or retrying on its own). */
  reconnected: { readonly attempts: number };
  /** A subscription could not consume again (queue deleted, access refused); it retries with backoff. */
  'subscription-error': { readonly queue: string; readonly attempt: number; readonly error: unknown };
  /** A delivery handler threw; the delivery went back to its queue. */
  'handler-error': { readonly queue: string; readonly error: unknown };
  /** The management API did not answer; `stats()` reported null for the figures only it knows. */
  'management-error': { readonly error: unknown };
  /** RabbitMQ stopped reading from this connection (memory or disk alarm); publishes wait. */
  blocked: { readonly reason: string };
  unblocked: Record<string, never>;
}
