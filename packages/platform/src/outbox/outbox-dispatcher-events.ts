import type { ErrorCategory } from '@invekto/contracts';

/** The outbox operations whose failure is reported by `store-failed`. */
export type OutboxStoreOperation = 'claim' | 'mark-dispatched' | 'mark-failed' | 'purge';

/**
 * Events of an `OutboxDispatcher`; metrics, alerts and logs subscribe to them with `dispatcher.on`.
 * Listeners run synchronously inside the loop: keep them cheap.
 */
export interface OutboxDispatcherEvents {
  /** Rows published and confirmed were marked dispatched; once per batch with at least one. */
  dispatched: { readonly count: number; readonly durationMs: number };
  /**
   * One row's publish failed while the broker was reachable: not confirmed or timed out (TRANSIENT),
   * or refused for good (PERMANENT, e.g. INV-BUS-002 unroutable). The row stays pending and is due
   * again after `retryInMs`.
   */
  'publish-failed': {
    readonly id: string;
    readonly messageId: string;
    readonly destination: string;
    readonly routingKey: string;
    /** Claims of the row so far, this one included. */
    readonly attempts: number;
    readonly error: unknown;
    readonly category: ErrorCategory;
    readonly retryInMs: number;
  };
  /**
   * The broker could not be reached (INV-BUS-006): the batch stopped, its unpublished rows were
   * handed back (`returned`), and the loop pauses `retryInMs` before it tries one row again.
   */
  'broker-unavailable': { readonly error: unknown; readonly retryInMs: number; readonly returned: number };
  /**
   * The broker answered a publish (confirmed or refused it) after `broker-unavailable`; `unavailableMs`
   * is how long the outage looked from here.
   */
  'broker-recovered': { readonly unavailableMs: number };
  /**
   * Reading or writing the outbox table failed. For `claim` and `mark-dispatched` the loop pauses
   * `retryInMs`; published rows whose mark failed are marked again before anything new is claimed.
   * A failed `mark-failed` leaves the row to its lease; a failed `purge` waits for the next pass.
   */
  'store-failed': {
    readonly operation: OutboxStoreOperation;
    readonly error: unknown;
    readonly retryInMs: number | undefined;
  };
  /** A purge pass ended; `count` rows dispatched longer ago than `retainDispatchedMs` were deleted. */
  purged: { readonly count: number; readonly durationMs: number };
}
