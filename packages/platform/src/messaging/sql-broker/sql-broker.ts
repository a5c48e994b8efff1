import { InvektoError } from '@invekto/contracts';
import { TypedEmitter, type Unsubscribe } from '../../resilience/typed-emitter.js';
import type { SqlStore } from '../../store/sql/sql-store.js';
import type {
  Broker,
  ConsumeOptions,
  DeliveryHandler,
  OutgoingMessage,
  QueueStats,
  Subscription,
} from '../broker/broker.js';
import type { Topology } from '../topology/topology.js';
import { brokerClosedError, toBrokerError, unknownQueueError } from './broker-errors.js';
import { BrokerMessageTable, type MessageRecord, type NewMessage } from './broker-message-table.js';
import { deadLetter, type DeadLetterOutcome } from './dead-lettering.js';
import { DeclaredTopology } from './declared-topology.js';
import { ExpirySweeper } from './expiry-sweeper.js';
import { GroupCommit, type ItemOutcome } from './group-commit.js';
import { outgoingRows } from './outgoing-rows.js';
import { QueueRoom } from './queue-room.js';
import { RateWindow } from './rate-window.js';
import type { SqlBrokerEvents } from './sql-broker-events.js';
import {
  checkSqlBrokerCollaborators,
  compileSqlBrokerSettings,
  type SqlBrokerOptions,
  type SqlBrokerSettings,
} from './sql-broker-options.js';
import { SqlDelivery, type PrefetchSlots, type SettleAction } from './sql-delivery.js';
import { SubscriptionLoop } from './subscription-loop.js';
import { TableVacuum } from './table-vacuum.js';
import { WakeSignal } from './wake-signal.js';

/** Publishes (or settlements) written by one statement at most. */
const MAX_GROUP = 500;

interface PublishRequest {
  readonly rows: readonly NewMessage[];
}

/**
 * The embedded adapter of the {@link Broker} port: a message queue in SQL tables (migration
 * `0003_broker.sql`), on PGlite for `invekto up` and tests or on PostgreSQL, with RabbitMQ's semantics
 * for the topology Invekto uses (direct and fanout exchanges, per-queue TTL that dead-letters, dead-letter
 * exchanges with `x-death`, `x-max-length` with `reject-publish`, prefetch, manual acknowledgement).
 *
 * - `publish` routes through the bindings declared on this instance and resolves once the rows are
 *   committed (that commit is the publisher confirm). Concurrent publishes share one INSERT.
 * - Each subscription claims due rows, FIFO by id, with `FOR UPDATE SKIP LOCKED` under a lease that is
 *   renewed while the delivery is unsettled; a process that dies stops renewing, and its messages come
 *   back with `redelivered: true` once the lease lapses. Settlements are batched (group commit).
 * - An expiry sweeper in every instance dead-letters expired, unheld rows; it sleeps until the next expiry.
 * - `stats()`: `ready`, `unacked` and the oldest message's age come from the table; `consumers` counts the
 *   live subscriptions of every process on the database (`broker_consumers`, kept by heartbeats, so a
 *   process that died stops counting after `leaseMs`); the publish and deliver rates are this process's
 *   own, over the last minute.
 * - The topology lives in memory: every process declares it when it starts, as against RabbitMQ.
 *
 * The store belongs to the caller: `close()` never closes it.
 */
export class SqlBroker implements Broker {
  readonly settings: SqlBrokerSettings;
  readonly #store: SqlStore;
  readonly #table: BrokerMessageTable;
  readonly #topology = new DeclaredTopology();
  readonly #signal: WakeSignal;
  readonly #events: TypedEmitter<SqlBrokerEvents>;
  readonly #clock: () => number;
  readonly #subscriptions = new Set<SubscriptionLoop>();
  /** Unsettled deliveries of this instance by row id; their leases are renewed. */
  readonly #live = new Map<string, SqlDelivery>();
  readonly #publishes: GroupCommit<PublishRequest, void>;
  readonly #settlements: Record<SettleAction, GroupCommit<SqlDelivery, boolean>>;
  readonly #publishRates = new Map<string, RateWindow>();
  readonly #deliverRates = new Map<string, RateWindow>();
  readonly #sweeper: ExpirySweeper;
  readonly #vacuum: TableVacuum;
  #sweeperStarted = false;
  #renewTimer: NodeJS.Timeout | undefined;
  #renewing: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: SqlBrokerOptions) {
    checkSqlBrokerCollaborators(options);
    const { store, now, onListenerError, ...settings } = options;
    this.settings = compileSqlBrokerSettings(settings);
    this.#store = store;
    this.#table = new BrokerMessageTable(store, now);
    this.#signal = WakeSignal.of(store);
    this.#events = new TypedEmitter<SqlBrokerEvents>(onListenerError);
    this.#clock = now ?? Date.now;
    this.#publishes = new GroupCommit((requests) => this.#writePublishes(requests), MAX_GROUP);
    this.#settlements = {
      ack: new GroupCommit((deliveries) => this.#writeSettlements(deliveries, 'ack'), MAX_GROUP),
      requeue: new GroupCommit((deliveries) => this.#writeSettlements(deliveries, 'requeue'), MAX_GROUP),
      'dead-letter': new GroupCommit((deliveries) => this.#writeRejections(deliveries), MAX_GROUP),
    };
    this.#sweeper = new ExpirySweeper({
      sweep: () => this.#sweepExpired(),
      nextExpiryInMs: () => this.#table.msUntilNextExpiry(this.#expiringQueues()),
      maxIntervalMs: this.settings.sweepIntervalMs,
      backoffInitialMs: this.settings.backoffInitialMs,
      backoffMaxMs: this.settings.backoffMaxMs,
      onSweepFailed: (error, retryInMs) =>
        this.#events.emit('loop-failed', { loop: 'sweep', queue: undefined, error: toBrokerError(error), retryInMs }),
    });
    this.#vacuum = new TableVacuum(
      () => this.#table.vacuum(),
      this.settings.vacuumEveryRows,
      (error) =>
        this.#events.emit('loop-failed', {
          loop: 'vacuum',
          queue: undefined,
          error: toBrokerError(error),
          retryInMs: undefined,
        }),
    );
  }

  on<K extends keyof SqlBrokerEvents>(name: K, listener: (event: SqlBrokerEvents[K]) => void): Unsubscribe {
    return this.#events.on(name, listener);
  }

  async declare(topology: Topology): Promise<void> {
    this.#assertOpen();
    await this.#call(() => this.#table.probe());
    this.#assertOpen();
    this.#topology.declare(topology);
    if (!this.#sweeperStarted && this.#topology.hasExpiringQueues()) {
      this.#sweeperStarted = true;
      this.#sweeper.start();
    }
  }

  async publish(message: OutgoingMessage): Promise<void> {
    this.#assertOpen();
    const rows = outgoingRows(message, this.#topology);
    try {
      await this.#publishes.submit({ rows });
    } catch (error) {
      throw toBrokerError(error, 'INV-BUS-001');
    }
  }

  async consume(queue: string, handler: DeliveryHandler, options: ConsumeOptions): Promise<Subscription> {
    this.#assertOpen();
    if (this.#topology.queue(queue) === undefined) throw unknownQueueError(queue);
    if (typeof handler !== 'function') throw new TypeError('consume: handler must be a function.');
    const prefetch = options?.prefetch;
    if (typeof prefetch !== 'number' || !Number.isSafeInteger(prefetch) || prefetch < 1) {
      throw new RangeError(`consume: prefetch must be an integer >= 1, got ${String(prefetch)}.`);
    }
    const { leaseMs, pollIntervalMs, backoffInitialMs, backoffMaxMs } = this.settings;
    const loop: SubscriptionLoop = new SubscriptionLoop({
      queue,
      prefetch,
      pollIntervalMs,
      backoffInitialMs,
      backoffMaxMs,
      claim: async (limit) => {
        const records = await this.#table.claim(queue, limit, leaseMs);
        this.#vacuum.changed(records.length);
        return records;
      },
      unclaim: (records) => this.#table.unclaim(records.map(claimOf)),
      deliver: (record, slots) => this.#deliver(record, slots, handler),
      onClaimFailed: (error, retryInMs) =>
        this.#events.emit('loop-failed', { loop: 'claim', queue, error: toBrokerError(error), retryInMs }),
      onStopped: async () => {
        stopListening();
        this.#subscriptions.delete(loop);
        // If this fails the row stops counting once its heartbeat lapses.
        await this.#table.removeConsumers([loop.consumerId]).catch(() => undefined);
      },
    });
    await this.#call(() => this.#table.addConsumer(loop.consumerId, queue, leaseMs));
    if (this.#closing !== undefined) {
      await this.#table.removeConsumers([loop.consumerId]).catch(() => undefined);
      throw brokerClosedError();
    }
    this.#subscriptions.add(loop);
    const stopListening = this.#signal.listen(queue, () => loop.ring());
    this.#startRenewing();
    loop.start();
    return loop;
  }

  async stats(queues: readonly string[]): Promise<QueueStats[]> {
    this.#assertOpen();
    for (const queue of queues) if (this.#topology.queue(queue) === undefined) throw unknownQueueError(queue);
    if (queues.length === 0) return [];
    const figures = await this.#call(() => this.#table.figures(queues));
    return queues.map((queue) => {
      const row = figures.get(queue);
      return {
        queue,
        ready: row?.ready ?? 0,
        unacked: row?.unacked ?? 0,
        consumers: row?.consumers ?? 0,
        oldestMessageAgeMs: row?.oldestAgeMs ?? null,
        publishRatePerSec: this.#publishRates.get(queue)?.perSecond() ?? 0,
        deliverRatePerSec: this.#deliverRates.get(queue)?.perSecond() ?? 0,
      };
    });
  }

  async purge(queue: string): Promise<number> {
    this.#assertOpen();
    if (this.#topology.queue(queue) === undefined) throw unknownQueueError(queue);
    const purged = await this.#call(() => this.#table.purge(queue));
    this.#vacuum.changed(purged);
    return purged;
  }

  async ping(): Promise<void> {
    this.#assertOpen();
    await this.#call(() => this.#store.ping());
  }

  /**
   * Cancels every subscription, stops the sweeper, waits for settlements and publishes under way, and
   * hands every unsettled delivery back to its queue (at once, not when its lease lapses); they are
   * delivered again with `redelivered: true`. Never acknowledges. Idempotent; does not close the store.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    clearInterval(this.#renewTimer);
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.cancel()));
    await this.#sweeper.stop();
    await this.#renewing;
    await this.#vacuum.stop();
    await Promise.all([this.#publishes, ...Object.values(this.#settlements)].map((batcher) => batcher.drain()));
    const unsettled = [...this.#live.values()].filter((delivery) => delivery.state === 'held');
    for (const delivery of unsettled) delivery.state = 'returned';
    this.#live.clear();
    if (unsettled.length === 0) return;
    // If this fails the leases lapse and the messages come back then: late, never lost.
    await this.#table.requeue(unsettled.map((delivery) => delivery.claim)).catch(() => undefined);
    this.#signal.ring(new Set(unsettled.map((delivery) => delivery.queue)));
  }

  #deliver(record: MessageRecord, slots: PrefetchSlots, handler: DeliveryHandler): void {
    const delivery = new SqlDelivery(record, slots, (settled, action) => this.#settle(settled, action));
    this.#live.set(delivery.claim.id, delivery);
    rateOf(this.#deliverRates, delivery.queue, this.#clock).add();
    const handlerFailed = (error: unknown): void => {
      this.#events.emit('handler-failed', { queue: delivery.queue, messageId: delivery.messageId, error });
      if (delivery.state === 'held') void this.#settle(delivery, 'requeue').catch(() => undefined);
    };
    try {
      const result: unknown = handler(delivery);
      if (result instanceof Promise) result.catch(handlerFailed);
    } catch (error) {
      handlerFailed(error);
    }
  }

  async #settle(delivery: SqlDelivery, action: SettleAction): Promise<void> {
    if (this.#closing !== undefined) throw brokerClosedError();
    if (delivery.state === 'lost') return;
    if (delivery.state !== 'held') {
      throw new Error(`The delivery of message ${delivery.messageId ?? '(no id)'} was already settled.`);
    }
    delivery.state = 'settling';
    // The slot is free at once, so the next claim overlaps the settlement; but a requeued message goes back
    // to the head of its queue (RabbitMQ), so after a requeue the next claim waits for it to be there.
    const early = action !== 'requeue';
    if (early) delivery.slots.release();
    try {
      const current = await this.#settlements[action].submit(delivery);
      if (!current) this.#events.emit('lease-lost', { queue: delivery.queue, messageId: delivery.messageId });
    } catch (error) {
      throw toBrokerError(error);
    } finally {
      delivery.state = 'settled';
      if (this.#live.get(delivery.claim.id) === delivery) this.#live.delete(delivery.claim.id);
      if (!early) delivery.slots.release();
    }
  }

  async #writeSettlements(deliveries: SqlDelivery[], action: 'ack' | 'requeue'): Promise<ItemOutcome<boolean>[]> {
    const claims = deliveries.map((delivery) => delivery.claim);
    const done = action === 'ack' ? await this.#table.ack(claims) : await this.#table.requeue(claims);
    this.#vacuum.changed(done.size);
    if (action === 'requeue') this.#signal.ring(new Set(deliveries.map((delivery) => delivery.queue)));
    return deliveries.map((delivery) => ({ ok: true, value: done.has(delivery.claim.id) }));
  }

  async #writeRejections(deliveries: SqlDelivery[]): Promise<ItemOutcome<boolean>[]> {
    const { taken, outcome } = await this.#store.transaction(async (tx) => {
      const rows = await this.#table.takeClaimed(
        tx,
        deliveries.map((delivery) => delivery.claim),
      );
      return { taken: rows, outcome: await deadLetter(tx, this.#table, this.#topology, rows, 'rejected') };
    });
    this.#afterDeadLetter(outcome);
    this.#vacuum.changed(taken.length);
    const ids = new Set(taken.map((row) => row.id));
    return deliveries.map((delivery) => ({ ok: true, value: ids.has(delivery.claim.id) }));
  }

  async #sweepExpired(): Promise<{ full: boolean }> {
    const queues = this.#expiringQueues();
    const limit = this.settings.sweepBatchSize;
    const { count, outcome } = await this.#store.transaction(async (tx) => {
      const rows = await this.#table.takeExpired(tx, queues, limit);
      return { count: rows.length, outcome: await deadLetter(tx, this.#table, this.#topology, rows, 'expired') };
    });
    this.#afterDeadLetter(outcome);
    this.#vacuum.changed(count);
    return { full: count === limit };
  }

  #afterDeadLetter(outcome: DeadLetterOutcome): void {
    this.#afterWrite(outcome.rows);
    for (const event of outcome.moved) this.#events.emit('dead-lettered', event);
    for (const event of outcome.dropped) this.#events.emit('dropped', event);
  }

  /**
   * Writes a group of publishes. Without a bounded destination that is one INSERT; with one, a transaction
   * that locks the bounded queues, counts their ready rows and refuses (INV-BUS-001) each publish that
   * finds a queue full — after writing it to its other destinations, as RabbitMQ does.
   */
  async #writePublishes(requests: PublishRequest[]): Promise<ItemOutcome<void>[]> {
    const destinations = requests.flatMap((request) => request.rows.map((row) => row.queue));
    if (!QueueRoom.needed(this.#topology, destinations)) {
      const rows = requests.flatMap((request) => request.rows);
      await this.#table.insert(this.#store, rows);
      this.#afterPublish(rows);
      return requests.map(() => ({ ok: true, value: undefined }));
    }
    const { rows, outcomes } = await this.#store.transaction(async (tx) => {
      const room = await QueueRoom.reserve(tx, this.#table, this.#topology, destinations);
      const accepted: NewMessage[] = [];
      const results = requests.map((request): ItemOutcome<void> => {
        const full = request.rows.filter((row) => !room.take(row.queue));
        accepted.push(...request.rows.filter((row) => !full.includes(row)));
        if (full.length === 0) return { ok: true, value: undefined };
        const limits = full.map((row) => `"${row.queue}" (x-max-length ${this.#topology.queue(row.queue)?.maxLength})`);
        return {
          ok: false,
          error: new InvektoError('INV-BUS-001', {
            message: `The broker refused the message: queue ${limits.join(', ')} is full (reject-publish).`,
          }),
        };
      });
      await this.#table.insert(tx, accepted);
      return { rows: accepted, outcomes: results };
    });
    this.#afterPublish(rows);
    return outcomes;
  }

  #afterPublish(rows: readonly NewMessage[]): void {
    for (const row of rows) rateOf(this.#publishRates, row.queue, this.#clock).add();
    this.#afterWrite(rows);
  }

  /** Wakes the subscriptions of the queues just written, and the sweeper for the expiries just set. */
  #afterWrite(rows: readonly NewMessage[]): void {
    if (rows.length === 0) return;
    this.#vacuum.changed(rows.length);
    this.#signal.ring(new Set(rows.map((row) => row.queue)));
    let soonest: number | undefined;
    for (const row of rows) if (row.ttlMs !== null) soonest = Math.min(soonest ?? row.ttlMs, row.ttlMs);
    if (soonest !== undefined) this.#sweeper.hint(soonest);
  }

  #expiringQueues(): string[] {
    return this.#topology.queueNames().filter((queue) => this.#topology.queue(queue)?.messageTtlMs !== undefined);
  }

  #startRenewing(): void {
    if (this.#renewTimer !== undefined) return;
    this.#renewTimer = setInterval(() => {
      this.#renewing ??= this.#renew().finally(() => (this.#renewing = undefined));
    }, this.settings.renewIntervalMs).unref();
  }

  /** Extends the leases of unsettled deliveries and the heartbeats of live subscriptions. */
  async #renew(): Promise<void> {
    const deliveries = [...this.#live.values()];
    const consumers = [...this.#subscriptions].map((subscription) => subscription.consumerId);
    try {
      if (deliveries.length > 0) {
        const renewed = await this.#table.renew(
          deliveries.map((delivery) => delivery.claim),
          this.settings.leaseMs,
        );
        for (const delivery of deliveries) {
          if (renewed.has(delivery.claim.id) || delivery.state !== 'held') continue;
          delivery.state = 'lost';
          if (this.#live.get(delivery.claim.id) === delivery) this.#live.delete(delivery.claim.id);
          delivery.slots.release();
          this.#events.emit('lease-lost', { queue: delivery.queue, messageId: delivery.messageId });
        }
      }
      if (consumers.length > 0) await this.#table.heartbeat(consumers, this.settings.leaseMs);
    } catch (error) {
      this.#events.emit('loop-failed', {
        loop: 'renew',
        queue: undefined,
        error: toBrokerError(error),
        retryInMs: this.settings.renewIntervalMs,
      });
    }
  }

  #assertOpen(): void {
    if (this.#closing !== undefined) throw brokerClosedError();
  }

  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw toBrokerError(error);
    }
  }
}

function claimOf(record: MessageRecord) {
  return { id: record.id, deliveryCount: record.delivery_count };
}

function rateOf(rates: Map<string, RateWindow>, queue: string, clock: () => number): RateWindow {
  let rate = rates.get(queue);
  if (rate === undefined) {
    rate = new RateWindow(clock);
    rates.set(queue, rate);
  }
  return rate;
}
