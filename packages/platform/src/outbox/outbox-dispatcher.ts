import { ErrorCategory, InvektoError, isInvektoError } from '@invekto/contracts';
import { performance } from 'node:perf_hooks';
import type { OutgoingMessage } from '../messaging/broker/broker.js';
import { classifyError } from '../resilience/error-classifier.js';
import { TypedEmitter, type Unsubscribe } from '../resilience/typed-emitter.js';
import type { OutboxDispatcherEvents, OutboxStoreOperation } from './outbox-dispatcher-events.js';
import {
  checkOutboxDispatcherCollaborators,
  compileOutboxDispatcherSettings,
  type OutboxDispatcherOptions,
  type OutboxDispatcherSettings,
  type OutboxDispatchRepository,
  type OutboxPublisher,
} from './outbox-dispatcher-options.js';
import type { ClaimedOutboxMessage, OutboxBacklog } from './outbox-repository.js';

/**
 * Failures that say the broker, not the message, is the problem: the connection is gone (INV-BUS-006)
 * or the broker client is shutting down (INV-SYS-004). Publishing the rest of the batch would fail
 * the same way, so the batch stops and the loop backs off instead.
 */
const BROKER_DOWN_CODES: ReadonlySet<string> = new Set(['INV-BUS-006', 'INV-SYS-004']);

type PublishOutcome =
  | { readonly kind: 'published' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'broker-down'; readonly error: unknown };

interface BatchOutcome {
  readonly published: ClaimedOutboxMessage[];
  readonly failed: { readonly row: ClaimedOutboxMessage; readonly error: unknown }[];
  /** Rows never published: not started, or refused because the broker was down. */
  readonly unpublished: ClaimedOutboxMessage[];
  /** The first broker-down failure, if any. */
  brokerDown: { readonly error: unknown } | undefined;
  /** Set when rows were left unstarted because their lease was running short. */
  leaseShort: boolean;
}

interface Pause {
  readonly ms: number;
  /** Whether `notify()` ends the pause early: only an idle pause, never a backoff. */
  readonly wakeOnNotify: boolean;
}

function backoffMs(failures: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
}

function isBrokerDown(error: unknown): boolean {
  return isInvektoError(error) && BROKER_DOWN_CODES.has(error.code);
}

function toOutgoing(row: ClaimedOutboxMessage): OutgoingMessage {
  return {
    exchange: row.destination,
    routingKey: row.routingKey,
    messageId: row.messageId,
    headers: row.headers,
    body: Buffer.from(JSON.stringify(row.payload), 'utf8'),
    contentType: 'application/json',
    timestamp: row.createdAt.getTime(),
  };
}

/** Runs `fn` over `items` with at most `limit` calls pending at once. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await fn(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Publishes the rows `writeOutbox` put in the outbox table (seed 000 §3.3, seed 001 §6): claims a
 * batch under a lease, publishes each row with publisher confirms, `maxInFlight` at a time, marks the
 * confirmed ones dispatched in one statement and the failed ones failed with a growing delay. Delivery
 * is at least once: a row is marked dispatched only after its confirm, so a crash between the two
 * publishes it again, and consumers deduplicate by `x-message-id`.
 *
 * - Broker unreachable: the batch stops, unpublished rows are handed back, and the loop pauses with
 *   exponential backoff, then probes with one row until the broker answers a publish again.
 * - Message refused for good (unroutable): the row stays, with its error, and is tried again only
 *   after `permanentRetryDelayMs`; each refusal is logged as an error.
 * - Several dispatchers, in one process or many, may share a table: claims skip locked rows.
 *
 * `close()` drains: the batch in hand is published and marked, then the loop stops.
 */
export class OutboxDispatcher {
  readonly settings: OutboxDispatcherSettings;

  readonly #repository: OutboxDispatchRepository;
  readonly #broker: OutboxPublisher;
  readonly #logger: OutboxDispatcherOptions['logger'];
  readonly #events: TypedEmitter<OutboxDispatcherEvents>;

  #loop: Promise<void> | undefined;
  #closing = false;
  #closed: Promise<void> | undefined;
  /** Ends the current pause, if any. */
  #wake: (() => void) | undefined;
  #pauseWakesOnNotify = false;
  /** `notify()` came while no idle pause was running; the next idle pause is skipped. */
  #notified = false;

  /** Rows published and confirmed whose `markDispatched` failed; marked again before the next claim. */
  #unmarked: string[] = [];
  #brokerFailures = 0;
  #brokerDownSince: number | undefined;
  #storeFailures = 0;

  #purgeTimer: NodeJS.Timeout | undefined;
  #purging: Promise<void> | undefined;

  constructor(options: OutboxDispatcherOptions) {
    checkOutboxDispatcherCollaborators(options);
    const { repository, broker, logger, onListenerError, ...settings } = options;
    this.settings = compileOutboxDispatcherSettings(settings);
    this.#repository = repository;
    this.#broker = broker;
    this.#logger = logger;
    this.#events = new TypedEmitter<OutboxDispatcherEvents>(onListenerError);
  }

  on<K extends keyof OutboxDispatcherEvents>(
    name: K,
    listener: (event: OutboxDispatcherEvents[K]) => void,
  ): Unsubscribe {
    return this.#events.on(name, listener);
  }

  /** Starts the dispatch loop and, unless `purgeIntervalMs` is 0, the purge timer. Starts once. */
  start(): void {
    if (this.#closing) throw new Error('An OutboxDispatcher cannot start after close().');
    if (this.#loop !== undefined) throw new Error('An OutboxDispatcher starts once.');
    this.#loop = this.#run();
    this.#schedulePurge();
  }

  /**
   * Tells the dispatcher that a row was just committed in this process, so it claims at once instead
   * of at the end of its idle pause. Never shortens a backoff. Harmless before `start` and after `close`.
   */
  notify(): void {
    if (this.#closing) return;
    if (this.#wake !== undefined && this.#pauseWakesOnNotify) this.#wake();
    else this.#notified = true;
  }

  /** How many rows wait to be dispatched and how old the oldest is (all dispatchers together). */
  backlog(): Promise<OutboxBacklog> {
    return this.#repository.pending();
  }

  /**
   * One purge pass, as the timer runs it: deletes rows dispatched more than `retainDispatchedMs` ago,
   * `purgeBatchSize` per statement, until none are left; resolves to how many were deleted and emits
   * `purged`. A failure rejects (the timer's passes report it as `store-failed` instead).
   */
  async purge(): Promise<number> {
    const started = performance.now();
    const { retainDispatchedMs: olderThanMs, purgeBatchSize: limit } = this.settings;
    let count = 0;
    for (;;) {
      const deleted = await this.#repository.purgeDispatched({ olderThanMs, limit });
      count += deleted;
      if (deleted < limit || this.#closing) break;
    }
    this.#events.emit('purged', { count, durationMs: performance.now() - started });
    return count;
  }

  /**
   * Stops the dispatcher: the batch in hand is published to the end and its rows marked, then the loop
   * ends; no new batch is claimed. A running purge pass stops after its current statement. Idempotent;
   * resolves once everything has stopped.
   */
  close(): Promise<void> {
    this.#closing = true;
    this.#closed ??= this.#drain();
    return this.#closed;
  }

  async #drain(): Promise<void> {
    clearTimeout(this.#purgeTimer);
    this.#wake?.();
    await this.#loop;
    await this.#purging;
    const failure = this.#unmarked.length > 0 ? await this.#markUnmarked() : undefined;
    // Published but never marked: their leases lapse and they go out again, which consumers deduplicate.
    if (failure !== undefined) this.#emitStoreFailed('mark-dispatched', failure.error, undefined);
  }

  async #run(): Promise<void> {
    while (!this.#closing) {
      let pause: Pause;
      try {
        pause = await this.#cycle();
      } catch (error) {
        // #cycle handles every failure it expects; anything else is a bug, logged without killing the loop.
        this.#logger.error({ err: error }, 'outbox dispatch cycle failed unexpectedly');
        pause = { ms: this.settings.backoffMaxMs, wakeOnNotify: false };
      }
      if (this.#closing) break;
      await this.#pause(pause);
    }
  }

  /** One turn of the loop. Resolves to the pause before the next turn. */
  async #cycle(): Promise<Pause> {
    const { batchSize, leaseMs, publishTimeoutMs } = this.settings;
    const unmarked = this.#unmarked.length > 0 ? await this.#markUnmarked() : undefined;
    if (unmarked !== undefined) return this.#storeFailed('mark-dispatched', unmarked.error);
    if (this.#closing) return { ms: 0, wakeOnNotify: false };

    // While the broker is down, one row is enough to find out whether it is back.
    const limit = this.#brokerDownSince === undefined ? batchSize : 1;
    const started = performance.now();
    this.#notified = false;
    let rows: ClaimedOutboxMessage[];
    try {
      rows = await this.#repository.claimBatch({ limit, leaseMs });
    } catch (error) {
      return this.#storeFailed('claim', error);
    }
    this.#storeRecovered();
    if (rows.length === 0) return { ms: this.settings.idleIntervalMs, wakeOnNotify: true };

    // A publish started before this instant is settled, or timed out, before the lease lapses.
    const batch = await this.#publishBatch(rows, started + leaseMs - publishTimeoutMs);
    // Any answer, a refusal included, shows the broker is reachable again.
    if (batch.published.length > 0 || batch.failed.length > 0) this.#brokerRecovered();
    let markFailure: unknown;
    if (batch.published.length > 0) {
      const ids = batch.published.map((row) => row.id);
      try {
        await this.#repository.markDispatched(ids);
        this.#events.emit('dispatched', { count: ids.length, durationMs: performance.now() - started });
      } catch (error) {
        this.#unmarked = ids;
        markFailure = error;
      }
    }

    await forEachLimited(batch.failed, this.settings.maxInFlight, ({ row, error }) => this.#recordFailure(row, error));

    let brokerPause: Pause | undefined;
    if (batch.brokerDown !== undefined) {
      this.#brokerFailures += 1;
      const retryInMs = backoffMs(this.#brokerFailures, this.settings.backoffInitialMs, this.settings.backoffMaxMs);
      const { error } = batch.brokerDown;
      // Handed back due when the loop tries again, so the probe finds them (or another dispatcher does).
      await this.#giveBack(batch.unpublished, error, retryInMs);
      this.#brokerDown(error, retryInMs, batch.unpublished.length);
      brokerPause = { ms: retryInMs, wakeOnNotify: false };
    } else if (batch.leaseShort) {
      await this.#giveBack(batch.unpublished, new Error('Not published before its lease ran short; handed back.'), 0);
    }

    if (markFailure !== undefined) return this.#storeFailed('mark-dispatched', markFailure);
    if (brokerPause !== undefined) return brokerPause;
    if (rows.length === limit || batch.leaseShort) return { ms: 0, wakeOnNotify: false };
    return { ms: this.settings.idleIntervalMs, wakeOnNotify: true };
  }

  async #publishBatch(rows: readonly ClaimedOutboxMessage[], startBefore: number): Promise<BatchOutcome> {
    const outcome: BatchOutcome = {
      published: [],
      failed: [],
      unpublished: [],
      brokerDown: undefined,
      leaseShort: false,
    };
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < rows.length && outcome.brokerDown === undefined) {
        if (performance.now() >= startBefore) {
          outcome.leaseShort = true;
          return;
        }
        const row = rows[next++] as ClaimedOutboxMessage;
        const result = await this.#publish(row);
        if (result.kind === 'published') outcome.published.push(row);
        else if (result.kind === 'failed') outcome.failed.push({ row, error: result.error });
        else {
          outcome.brokerDown ??= { error: result.error };
          outcome.unpublished.push(row);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.maxInFlight, rows.length) }, lane));
    outcome.unpublished.push(...rows.slice(next));
    return outcome;
  }

  async #publish(row: ClaimedOutboxMessage): Promise<PublishOutcome> {
    const { publishTimeoutMs } = this.settings;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new InvektoError('INV-BUS-001', {
              message: `The message broker did not confirm the message within ${publishTimeoutMs} ms.`,
            }),
          ),
        publishTimeoutMs,
      );
    });
    try {
      // The async wrapper turns a synchronous throw into a rejection; a late rejection after the
      // timeout is absorbed by Promise.race.
      await Promise.race([(async () => this.#broker.publish(toOutgoing(row)))(), timeout]);
      return { kind: 'published' };
    } catch (error) {
      return isBrokerDown(error) ? { kind: 'broker-down', error } : { kind: 'failed', error };
    } finally {
      clearTimeout(timer);
    }
  }

  async #recordFailure(row: ClaimedOutboxMessage, error: unknown): Promise<void> {
    const { id, messageId, destination, routingKey, attempts } = row;
    const category = classifyError(error);
    const permanent = category === ErrorCategory.Permanent;
    const retryInMs = permanent
      ? this.settings.permanentRetryDelayMs
      : backoffMs(attempts, this.settings.retryBaseDelayMs, this.settings.retryMaxDelayMs);
    if (permanent) {
      this.#logger.error(
        { err: error, outboxId: id, messageId, destination, routingKey, attempts, retryInMs },
        'the broker refused an outbox message for good; it stays in the outbox until an operator fixes the cause',
      );
    }
    this.#events.emit('publish-failed', {
      id,
      messageId,
      destination,
      routingKey,
      attempts,
      error,
      category,
      retryInMs,
    });
    await this.#markFailed(id, error, retryInMs);
  }

  async #giveBack(rows: readonly ClaimedOutboxMessage[], reason: unknown, retryInMs: number): Promise<void> {
    await forEachLimited(rows, this.settings.maxInFlight, (row) => this.#markFailed(row.id, reason, retryInMs));
  }

  /** A failed `markFailed` is reported and otherwise left alone: the row's lease hands it out again. */
  async #markFailed(id: string, error: unknown, retryInMs: number): Promise<void> {
    try {
      await this.#repository.markFailed(id, error, retryInMs);
    } catch (storeError) {
      this.#emitStoreFailed('mark-failed', storeError, undefined);
    }
  }

  /** Marks the rows whose earlier `markDispatched` failed; resolves to the failure, if it fails again. */
  async #markUnmarked(): Promise<{ readonly error: unknown } | undefined> {
    const started = performance.now();
    try {
      await this.#repository.markDispatched(this.#unmarked);
    } catch (error) {
      return { error };
    }
    this.#events.emit('dispatched', { count: this.#unmarked.length, durationMs: performance.now() - started });
    this.#unmarked = [];
    return undefined;
  }

  #brokerDown(error: unknown, retryInMs: number, returned: number): void {
    if (this.#brokerDownSince === undefined) {
      this.#brokerDownSince = performance.now();
      this.#logger.warn({ err: error, retryInMs }, 'message broker unreachable; outbox dispatch paused');
    }
    this.#events.emit('broker-unavailable', { error, retryInMs, returned });
  }

  #brokerRecovered(): void {
    this.#brokerFailures = 0;
    if (this.#brokerDownSince === undefined) return;
    const unavailableMs = performance.now() - this.#brokerDownSince;
    this.#brokerDownSince = undefined;
    this.#logger.info({ unavailableMs }, 'message broker reachable again; outbox dispatch resumed');
    this.#events.emit('broker-recovered', { unavailableMs });
  }

  #storeFailed(operation: OutboxStoreOperation, error: unknown): Pause {
    this.#storeFailures += 1;
    const retryInMs = backoffMs(this.#storeFailures, this.settings.backoffInitialMs, this.settings.backoffMaxMs);
    if (this.#storeFailures === 1) {
      this.#logger.warn({ err: error, operation, retryInMs }, 'outbox table unavailable; outbox dispatch paused');
    }
    this.#emitStoreFailed(operation, error, retryInMs);
    return { ms: retryInMs, wakeOnNotify: false };
  }

  #storeRecovered(): void {
    if (this.#storeFailures === 0) return;
    this.#storeFailures = 0;
    this.#logger.info({}, 'outbox table reachable again; outbox dispatch resumed');
  }

  #emitStoreFailed(operation: OutboxStoreOperation, error: unknown, retryInMs: number | undefined): void {
    this.#events.emit('store-failed', { operation, error, retryInMs });
  }

  #pause({ ms, wakeOnNotify }: Pause): Promise<void> {
    if (ms === 0 || this.#closing) return Promise.resolve();
    if (wakeOnNotify && this.#notified) {
      this.#notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.#wake = end;
      this.#pauseWakesOnNotify = wakeOnNotify;
    });
  }

  #schedulePurge(): void {
    if (this.settings.purgeIntervalMs === 0 || this.#closing) return;
    this.#purgeTimer = setTimeout(() => {
      this.#purging = this.purge()
        .then(
          () => undefined,
          (error: unknown) => this.#emitStoreFailed('purge', error, undefined),
        )
        .finally(() => {
          this.#purging = undefined;
          this.#schedulePurge();
        });
    }, this.settings.purgeIntervalMs);
  }
}
