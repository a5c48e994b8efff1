/** Why a message left its queue other than by acknowledgement (RabbitMQ's `x-death` reasons). */
export type DeadLetterReason = 'rejected' | 'expired' | 'maxlen';

/** Why a dead-lettered message reached no queue (RabbitMQ drops it silently in each case). */
export type DropCause = 'no-dead-letter-exchange' | 'unroutable' | 'target-full';

/** The background work of a broker whose failure is reported by `loop-failed`. */
export type SqlBrokerLoop = 'claim' | 'sweep' | 'renew' | 'vacuum';

/**
 * Events of a `SqlBroker`; metrics and logs subscribe to them with `broker.on`. Listeners run
 * synchronously inside the broker's loops: keep them cheap.
 */
export interface SqlBrokerEvents {
  /**
   * A background loop failed, usually because the database is unreachable (`error` is then an
   * `InvektoError('INV-BUS-006')`); it tries again after `retryInMs` (the vacuum: after the next
   * `vacuumEveryRows` changed rows).
   */
  'loop-failed': {
    readonly loop: SqlBrokerLoop;
    /** The subscription's queue for `claim`; undefined for the broker-wide loops. */
    readonly queue: string | undefined;
    readonly error: unknown;
    readonly retryInMs: number | undefined;
  };
  /** A message was dead-lettered from `queue` into `to` (one or more queues) through `exchange`. */
  'dead-lettered': {
    readonly queue: string;
    readonly messageId: string | undefined;
    readonly reason: DeadLetterReason;
    readonly exchange: string;
    readonly routingKey: string;
    readonly to: readonly string[];
  };
  /** A message left `queue` for good: it was rejected or expired and its dead-lettering reached no queue. */
  dropped: {
    readonly queue: string;
    readonly messageId: string | undefined;
    readonly reason: DeadLetterReason;
    readonly cause: DropCause;
  };
  /**
   * A delivery's lease lapsed (its process stalled longer than `leaseMs`) and the message was taken by
   * another consumer, expired or purged; settling the stale delivery changes nothing.
   */
  'lease-lost': { readonly queue: string; readonly messageId: string | undefined };
  /** A delivery handler threw instead of settling later; the message was requeued. */
  'handler-failed': { readonly queue: string; readonly messageId: string | undefined; readonly error: unknown };
}
