import { Exchanges, isInvektoError, Queues } from '@invekto/contracts';
import { ulid } from 'ulid';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TopologyConflictError } from '../../topology/declare-topology.js';
import { retryRoutingKey, TopologyConfigError, type Topology } from '../../topology/topology.js';
import type { SqlStore } from '../../../store/sql/sql-store.js';
import type { Delivery, HeaderValue, OutgoingMessage } from '../../broker/broker.js';
import { buildContractTopology, CONTRACT_TTL_QUEUE } from '../../broker/__fixtures__/broker-contract.js';
import { SqlBroker } from '../sql-broker.js';
import type { SqlBrokerEvents } from '../sql-broker-events.js';
import type { SqlBrokerOptions } from '../sql-broker-options.js';

const DEADLINE_MS = 10_000;
/** How long a test watches for something that must NOT happen; a slow machine can only pass it wrongly. */
const QUIET_MS = 400;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it stops throwing; rethrows its last failure after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(20);
  }
}

export async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

export function codeOf(error: unknown): string | undefined {
  return isInvektoError(error) ? error.code : undefined;
}

/** Empties the broker's tables; the suites sharing a store call it before each test. */
export async function resetBrokerTables(store: SqlStore): Promise<void> {
  await store.query('DELETE FROM broker_messages; DELETE FROM broker_consumers');
}

/** Collects what a subscription delivers. */
export class Collector {
  readonly received: Delivery[] = [];
  autoAck = false;
  readonly handler = (delivery: Delivery): void => {
    this.received.push(delivery);
    if (this.autoAck) void delivery.ack();
  };

  async waitFor(count: number, timeoutMs = DEADLINE_MS): Promise<Delivery[]> {
    await eventually(() => expect(this.received.length).toBeGreaterThanOrEqual(count), timeoutMs);
    return this.received.slice(0, count);
  }
}

export interface SqlBrokerBehaviourOptions {
  /** A migrated store the suite may share with others; the suite empties the broker tables before each test. */
  store(): Promise<SqlStore>;
  /**
   * A second connection to the same database, as another process would have; the same store when the
   * database has one connection only (PGlite).
   */
  peerStore(): Promise<SqlStore>;
}

/** The SQL broker's own behaviour beyond the port contract: leases, sweeper, x-death details, events. */
export function describeSqlBrokerBehaviour(name: string, options: SqlBrokerBehaviourOptions): void {
  describe(`SqlBroker behaviour: ${name}`, { timeout: 30_000 }, () => {
    let store: SqlStore;
    let brokers: SqlBroker[] = [];
    const topology = buildContractTopology();
    const job = topology.jobQueues[0]!;
    const ttlJob = topology.jobQueues.find((queue) => queue.queue === CONTRACT_TTL_QUEUE)!;
    const rung = topology.retryRungs[0]!;

    beforeAll(async () => {
      store = await options.store();
    });

    beforeEach(async () => {
      await resetBrokerTables(store);
    });

    afterEach(async () => {
      await Promise.all(brokers.map((broker) => broker.close()));
      brokers = [];
    });

    async function open(
      overrides: Partial<Omit<SqlBrokerOptions, 'store'>> = {},
      on: SqlStore = store,
      declared: Topology = topology,
    ): Promise<SqlBroker> {
      const broker = new SqlBroker({ store: on, ...overrides });
      brokers.push(broker);
      await broker.declare(declared);
      return broker;
    }

    function jobMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
      return {
        exchange: Exchanges.Direct,
        routingKey: job.routingKey,
        messageId: ulid(),
        body: new TextEncoder().encode('{"job":1}'),
        ...overrides,
      };
    }

    function recordEvents<K extends keyof SqlBrokerEvents>(broker: SqlBroker, name: K): SqlBrokerEvents[K][] {
      const events: SqlBrokerEvents[K][] = [];
      broker.on(name, (event) => events.push(event));
      return events;
    }

    async function rowsOf(queue: string): Promise<{ message_id: string; delivery_count: number }[]> {
      const { rows } = await store.query<{ message_id: string; delivery_count: number }>(
        'SELECT message_id, delivery_count FROM broker_messages WHERE queue = $1 ORDER BY id',
        [queue],
      );
      return rows;
    }

    describe('leases', () => {
      it('keeps a delivery with a slow handler past its lease by renewing it', async () => {
        const holder = await open({ leaseMs: 300, renewIntervalMs: 60 });
        const other = await open({}, await options.peerStore());
        const sent = jobMessage();
        await holder.publish(sent);
        const held = new Collector();
        await holder.consume(job.queue, held.handler, { prefetch: 1 });
        const [delivery] = await held.waitFor(1);

        const watcher = new Collector();
        await other.consume(job.queue, watcher.handler, { prefetch: 1 });
        await sleep(3 * 300);
        expect(watcher.received).toHaveLength(0);
        expect((await holder.stats([job.queue]))[0]).toMatchObject({ ready: 0, unacked: 1 });

        await delivery?.ack();
        expect(await rowsOf(job.queue)).toEqual([]);
      });

      it('redelivers, marked redelivered, a message whose holder died, once its lease lapses', async () => {
        const broker = await open();
        const sent = jobMessage();
        await broker.publish(sent);
        // What a process that claimed the message and died leaves behind: a lease nobody renews.
        await store.query(
          `UPDATE broker_messages SET delivery_count = 1,
             lease_until = floor(extract(epoch FROM now()) * 1000)::bigint + 1500`,
        );
        const inbox = new Collector();
        await broker.consume(job.queue, inbox.handler, { prefetch: 1 });
        expect((await broker.stats([job.queue]))[0]).toMatchObject({ ready: 0, unacked: 1 });

        const [delivery] = await inbox.waitFor(1);
        expect(delivery).toMatchObject({ messageId: sent.messageId, redelivered: true });
        await delivery?.ack();
        expect(await rowsOf(job.queue)).toEqual([]);
      });

      it('notices a lost lease: frees the prefetch slot, and settling the stale delivery changes nothing', async () => {
        const broker = await open({ leaseMs: 300, renewIntervalMs: 50 });
        const lost = recordEvents(broker, 'lease-lost');
        const first = jobMessage();
        await broker.publish(first);
        const inbox = new Collector();
        await broker.consume(job.queue, inbox.handler, { prefetch: 1 });
        const [stale] = await inbox.waitFor(1);
        // Another consumer took the message over (as after a stall longer than the lease).
        await store.query(
          `UPDATE broker_messages SET delivery_count = delivery_count + 1,
             lease_until = floor(extract(epoch FROM now()) * 1000)::bigint + 60000`,
        );
        await eventually(() => expect(lost).toEqual([{ queue: job.queue, messageId: first.messageId }]));

        const second = jobMessage();
        await broker.publish(second);
        const [, next] = await inbox.waitFor(2);
        expect(next?.messageId).toBe(second.messageId);

        await expect(stale?.ack()).resolves.toBeUndefined();
        expect(await rowsOf(job.queue)).toEqual([
          { message_id: first.messageId, delivery_count: 2 },
          { message_id: second.messageId, delivery_count: 1 },
        ]);
      });

      it('delivers a requeued message again before the messages published after it', async () => {
        const broker = await open();
        const sent = [jobMessage(), jobMessage(), jobMessage()];
        for (const message of sent) await broker.publish(message);
        const inbox = new Collector();
        await broker.consume(job.queue, inbox.handler, { prefetch: 1 });
        const [first] = await inbox.waitFor(1);
        await first?.reject({ requeue: true });
        const [, again] = await inbox.waitFor(2);
        await again?.ack();
        const [, , second] = await inbox.waitFor(3);
        expect([again?.messageId, again?.redelivered, second?.messageId]).toEqual([
          sent[0]?.messageId,
          true,
          sent[1]?.messageId,
        ]);
      });

      it('requeues the message of a handler that throws, and reports it', async () => {
        const broker = await open();
        const failures = recordEvents(broker, 'handler-failed');
        const sent = jobMessage();
        await broker.publish(sent);
        let calls = 0;
        const seen: Delivery[] = [];
        await broker.consume(
          job.queue,
          (delivery) => {
            seen.push(delivery);
            calls += 1;
            if (calls === 1) throw new Error('handler bug');
            void delivery.ack();
          },
          { prefetch: 1 },
        );
        await eventually(() => expect(seen).toHaveLength(2));
        expect(seen.map((delivery) => [delivery.messageId, delivery.redelivered])).toEqual([
          [sent.messageId, false],
          [sent.messageId, true],
        ]);
        expect(failures).toHaveLength(1);
        expect((failures[0]?.error as Error).message).toBe('handler bug');
        await eventually(async () => expect(await rowsOf(job.queue)).toEqual([]));
      });
    });

    describe('expiry and dead-lettering', () => {
      it('wakes the sweeper at an expiry this process wrote, not at its longest interval', async () => {
        const broker = await open({ sweepIntervalMs: 120_000 });
        const inbox = new Collector();
        await broker.consume(job.queue, inbox.handler, { prefetch: 1 });
        // Let the sweeper go to sleep for its full interval first.
        await sleep(100);
        const started = Date.now();
        await broker.publish(
          jobMessage({ exchange: Exchanges.Retry, routingKey: retryRoutingKey(rung, job.routingKey) }),
        );
        await inbox.waitFor(1, 5_000);
        expect(Date.now() - started).toBeGreaterThanOrEqual(rung.delayMs - 20);
      });

      it('counts a repeated death in its x-death entry, moves it to the front and keeps x-first-death-*', async () => {
        const broker = await open();
        const key = retryRoutingKey(rung, job.routingKey);
        const earlier: HeaderValue[] = [
          {
            count: 1,
            reason: 'rejected',
            queue: job.queue,
            time: 1_700_000_000_000,
            exchange: Exchanges.Direct,
            'routing-keys': [job.routingKey],
          },
          {
            count: 1,
            reason: 'expired',
            queue: rung.queue,
            time: 1_700_000_001_000,
            exchange: Exchanges.Retry,
            'routing-keys': [key],
          },
        ];
        const first = {
          'x-first-death-reason': 'rejected',
          'x-first-death-queue': job.queue,
          'x-first-death-exchange': Exchanges.Direct,
        };
        const inbox = new Collector();
        await broker.consume(job.queue, inbox.handler, { prefetch: 1 });
        await broker.publish(
          jobMessage({ exchange: Exchanges.Retry, routingKey: key, headers: { 'x-death': earlier, ...first } }),
        );

        const [delivery] = await inbox.waitFor(1);
        const deaths = delivery?.headers['x-death'] as Record<string, HeaderValue>[];
        expect(deaths).toHaveLength(2);
        expect(deaths[0]).toMatchObject({ count: 2, reason: 'expired', queue: rung.queue, 'routing-keys': [key] });
        expect(deaths[0]?.['time']).toBeGreaterThan(1_700_000_001_000);
        expect(deaths[1]).toEqual(earlier[0]);
        expect(delivery?.headers).toMatchObject(first);
      });

      it('does not expire a message while a consumer holds it; it expires once handed back', async () => {
        const broker = await open();
        const moved = recordEvents(broker, 'dead-lettered');
        const sent = jobMessage({ routingKey: ttlJob.routingKey });
        await broker.publish(sent);
        const inbox = new Collector();
        const subscription = await broker.consume(ttlJob.queue, inbox.handler, { prefetch: 1 });
        const [delivery] = await inbox.waitFor(1);
        await subscription.cancel();
        await sleep(ttlJob.messageTtlMs + QUIET_MS);
        expect(moved).toEqual([]);
        expect((await broker.stats([Queues.DeadLetter]))[0]?.ready).toBe(0);

        await delivery?.reject({ requeue: true });
        await eventually(() =>
          expect(moved).toEqual([
            {
              queue: ttlJob.queue,
              messageId: sent.messageId,
              reason: 'expired',
              exchange: Exchanges.DeadLetter,
              routingKey: ttlJob.deadLetterRoutingKey,
              to: [Queues.DeadLetter],
            },
          ]),
        );
        expect(await rowsOf(Queues.DeadLetter)).toEqual([{ message_id: sent.messageId, delivery_count: 0 }]);
      });

      it('drops a message rejected from a queue without a dead-letter exchange, or into a full DLQ', async () => {
        const broker = await open();
        const dropped = recordEvents(broker, 'dropped');
        const toDlq = { exchange: Exchanges.DeadLetter, routingKey: job.deadLetterRoutingKey };
        const parked = [jobMessage(toDlq), jobMessage(toDlq), jobMessage(toDlq)];
        for (const message of parked) await broker.publish(message);
        const rejected = jobMessage();
        await broker.publish(rejected);

        const jobs = new Collector();
        await broker.consume(job.queue, jobs.handler, { prefetch: 1 });
        const [delivery] = await jobs.waitFor(1);
        await delivery?.reject({ requeue: false });
        const dlq = new Collector();
        await broker.consume(Queues.DeadLetter, dlq.handler, { prefetch: 1 });
        const [dead] = await dlq.waitFor(1);
        await dead?.reject({ requeue: false });

        expect(dropped).toEqual([
          { queue: job.queue, messageId: rejected.messageId, reason: 'rejected', cause: 'target-full' },
          {
            queue: Queues.DeadLetter,
            messageId: parked[0]?.messageId,
            reason: 'rejected',
            cause: 'no-dead-letter-exchange',
          },
        ]);
        expect(await rowsOf(job.queue)).toEqual([]);
        expect((await rowsOf(Queues.DeadLetter)).map((row) => row.message_id)).toEqual(
          parked.slice(1).map((message) => message.messageId),
        );
      });

      it('admits exactly x-max-length of many concurrent publishes into a reject-publish queue', async () => {
        const broker = await open();
        const toDlq = { exchange: Exchanges.DeadLetter, routingKey: job.deadLetterRoutingKey };
        const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => broker.publish(jobMessage(toDlq))));
        const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
        expect(refused.map((outcome) => codeOf((outcome as PromiseRejectedResult).reason))).toEqual(
          Array.from({ length: 7 }, () => 'INV-BUS-001'),
        );
        expect(await rowsOf(Queues.DeadLetter)).toHaveLength(3);
      });
    });

    describe('routing and declaring', () => {
      const fanout: Topology = {
        exchanges: [{ name: 'test.fanout', type: 'fanout', durable: true }],
        queues: [
          { name: 'test.a', durable: true, arguments: {} },
          { name: 'test.b', durable: true, arguments: {} },
        ],
        bindings: [
          { exchange: 'test.fanout', queue: 'test.a', routingKey: '' },
          { exchange: 'test.fanout', queue: 'test.b', routingKey: 'anything' },
        ],
        jobQueues: [],
        retryRungs: [],
      };

      it('copies a fanout publish into every bound queue, whatever its routing key', async () => {
        const broker = await open({}, store, fanout);
        const sent = jobMessage({ exchange: 'test.fanout', routingKey: 'ignored' });
        await broker.publish(sent);
        expect(await rowsOf('test.a')).toEqual([{ message_id: sent.messageId, delivery_count: 0 }]);
        expect(await rowsOf('test.b')).toEqual([{ message_id: sent.messageId, delivery_count: 0 }]);
      });

      it('delivers through the default exchange to the queue named by the routing key', async () => {
        const broker = await open();
        const sent = jobMessage({ exchange: '', routingKey: job.queue });
        await broker.publish(sent);
        expect(await rowsOf(job.queue)).toEqual([{ message_id: sent.messageId, delivery_count: 0 }]);
      });

      it('refuses a conflicting or unsupported declaration and keeps what was declared', async () => {
        const broker = await open();
        const [jobSpec] = topology.queues;
        const changed: Topology = {
          ...topology,
          queues: topology.queues.map((queue) =>
            queue === jobSpec ? { ...queue, arguments: { ...queue.arguments, 'x-message-ttl': 5 } } : queue,
          ),
        };
        const conflict = await errorOf(broker.declare(changed));
        expect(conflict).toBeInstanceOf(TopologyConflictError);
        expect((conflict as TopologyConflictError).entity).toBe(job.queue);

        const unsupported: Topology = {
          ...fanout,
          queues: [{ name: 'test.prio', durable: true, arguments: { 'x-max-priority': 5 } }],
          bindings: [],
        };
        const refused = await errorOf(broker.declare(unsupported));
        expect(refused).toBeInstanceOf(TopologyConfigError);
        expect((refused as TopologyConfigError).field).toBe('queues[0].arguments.x-max-priority');
        expect(codeOf(await errorOf(broker.stats(['test.prio'])))).toBe('INV-BUS-002');

        await broker.publish(jobMessage());
        expect(await rowsOf(job.queue)).toHaveLength(1);
      });

      it('rejects bad calls before any SQL runs', async () => {
        const broker = await open();
        expect(codeOf(await errorOf(broker.consume('no.such.queue', () => undefined, { prefetch: 1 })))).toBe(
          'INV-BUS-002',
        );
        await expect(broker.consume(job.queue, () => undefined, { prefetch: 0 })).rejects.toThrow(RangeError);
        await expect(broker.publish({ ...jobMessage(), body: 'text' as unknown as Uint8Array })).rejects.toThrow(
          TypeError,
        );
        await expect(broker.publish(jobMessage({ routingKey: 'nul\u0000' }))).rejects.toThrow(/NUL/);
        expect(() => new SqlBroker({ store, leaseMs: 100, renewIntervalMs: 100 })).toThrow(/renewIntervalMs/);
        expect(() => new SqlBroker({ store, pollIntervalMs: 0 })).toThrow(/pollIntervalMs/);
      });
    });

    describe('publishing', () => {
      it('keeps publish order for many concurrent publishes written as one group', async () => {
        const broker = await open();
        const sent = Array.from({ length: 300 }, () => jobMessage());
        await Promise.all(sent.map((message) => broker.publish(message)));
        expect((await rowsOf(job.queue)).map((row) => row.message_id)).toEqual(
          sent.map((message) => message.messageId),
        );
      });
    });

    describe('housekeeping', () => {
      it('vacuums and analyzes the message table after vacuumEveryRows written rows', async () => {
        const vacuums = async () => {
          const { rows } = await store.query<{ vacuums: string; analyzes: string }>(
            `SELECT vacuum_count AS vacuums, analyze_count AS analyzes FROM pg_stat_user_tables
             WHERE relname = 'broker_messages'`,
          );
          return { vacuums: Number(rows[0]?.vacuums ?? 0), analyzes: Number(rows[0]?.analyzes ?? 0) };
        };
        const before = await vacuums();
        const broker = await open({ vacuumEveryRows: 20 });
        const inbox = new Collector();
        inbox.autoAck = true;
        await broker.consume(job.queue, inbox.handler, { prefetch: 10 });
        for (let n = 0; n < 10; n += 1) await broker.publish(jobMessage());
        await inbox.waitFor(10);
        await eventually(async () => {
          const after = await vacuums();
          expect(after.vacuums).toBeGreaterThan(before.vacuums);
          expect(after.analyzes).toBeGreaterThan(before.analyzes);
        });
      });
    });

    describe('stats', () => {
      it('counts the live consumers of every process and forgets one that stopped heart-beating', async () => {
        const broker = await open();
        await broker.consume(job.queue, () => undefined, { prefetch: 1 });
        // Two other processes: one alive, one that died long ago without cancelling.
        await store.query(
          `INSERT INTO broker_consumers (consumer_id, queue, expires_at) VALUES
             ('alive', $1, floor(extract(epoch FROM now()) * 1000)::bigint + 60000),
             ('dead', $1, floor(extract(epoch FROM now()) * 1000)::bigint - 1)`,
          [job.queue],
        );
        expect((await broker.stats([job.queue]))[0]?.consumers).toBe(2);
      });

      it('reports publish and delivery rates of this process', async () => {
        const broker = await open();
        const inbox = new Collector();
        inbox.autoAck = true;
        for (let n = 0; n < 6; n += 1) await broker.publish(jobMessage());
        await broker.consume(job.queue, inbox.handler, { prefetch: 10 });
        await inbox.waitFor(6);
        const [figures, idle] = await broker.stats([job.queue, ttlJob.queue]);
        expect(figures?.publishRatePerSec).toBeGreaterThan(0);
        expect(figures?.deliverRatePerSec).toBeGreaterThan(0);
        expect(idle).toMatchObject({ publishRatePerSec: 0, deliverRatePerSec: 0 });
      });
    });
  });
}
