import { Exchanges, isInvektoError, Queues, RetryLadder, RoutingKeys } from '@invekto/contracts';
import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTopology, retryRoutingKey, type ResolvedJobQueue, type Topology } from '../../topology/topology.js';
import type {
  Broker,
  Delivery,
  HeaderValue,
  MessageHeaders,
  OutgoingMessage,
  QueueStats,
  Subscription,
} from '../broker.js';

/** What a `Broker` adapter hands the contract suite. */
export interface BrokerHarness {
  /** A connected broker on empty, private storage (a fresh vhost, database or schema). */
  readonly broker: Broker;
  /** `buildContractTopology()`: the suite declares it itself and finds its queues by name. */
  readonly topology: Topology;
  /**
   * Opens another, independent broker on the same storage, as a second process would. Tests that need it
   * (redelivery to another instance, durability) are skipped without it. The suite closes what it opens.
   */
  readonly reopen?: (() => Promise<Broker>) | undefined;
  /**
   * Whether `stats()` tells the age of the oldest message of a non-empty queue. `false` only for an
   * adapter that documents it cannot (RabbitMQ without its management API); the suite then accepts null.
   */
  readonly reportsMessageAge: boolean;
  /** Closes whatever is still open and deletes the storage (vhost, database). */
  close(): Promise<void>;
}

export const CONTRACT_TTL_QUEUE = 'invekto.jobs.contract-ttl';
export const CONTRACT_TTL_ROUTING_KEY = 'contract-ttl';
/** `x-message-ttl` of the TTL job queue: a job waiting longer is dead-lettered. */
export const CONTRACT_JOB_TTL_MS = 300;
/** `x-max-length` of `invekto.dlq`, small so the suite can fill it. */
export const CONTRACT_DLQ_MAX_LENGTH = 3;
/** The ladder scaled down so the 2 s rung waits 150 ms; the other rungs keep their proportions. */
export const CONTRACT_RETRY_LADDER = RetryLadder.map((rung) => ({
  queue: rung.queue,
  delayMs: Math.round((rung.delayMs * 150) / 2_000),
}));

/**
 * The topology every harness declares: the chat-analysis job queue with its production TTL, a second job
 * queue whose jobs expire after `CONTRACT_JOB_TTL_MS`, the scaled-down ladder and a tiny DLQ.
 */
export function buildContractTopology(): Topology {
  return buildTopology({
    jobQueues: [
      { queue: Queues.ChatAnalysisJobs, routingKey: RoutingKeys.ChatAnalysis },
      { queue: CONTRACT_TTL_QUEUE, routingKey: CONTRACT_TTL_ROUTING_KEY, messageTtlMs: CONTRACT_JOB_TTL_MS },
    ],
    retryLadder: CONTRACT_RETRY_LADDER,
    dlqMaxLength: CONTRACT_DLQ_MAX_LENGTH,
  });
}

/** How long a test waits for something that must happen; generous for a loaded 2-core machine. */
const DEADLINE_MS = 10_000;
/** RabbitMQ's management API samples queues every 5 s, so figures taken from it lag that much. */
const STATS_DEADLINE_MS = 15_000;
/**
 * How long a test watches for something that must NOT happen (a delivery beyond prefetch, after cancel).
 * A slow machine can only make such a check pass wrongly, never fail wrongly.
 */
const QUIET_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const bytes = (text: string) => new TextEncoder().encode(text);

/** Polls `check` until it stops throwing; rethrows its last failure after `timeoutMs`. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(25);
  }
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const outcome = await promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
  expect(isInvektoError(outcome), `expected an InvektoError ${code}, got ${String(outcome)}`).toBe(true);
  expect((outcome as { code: string }).code).toBe(code);
}

/** Records what a subscription delivers and lets a test wait for a count. */
class Inbox {
  readonly received: Delivery[] = [];
  /** Acknowledge each delivery as it arrives. */
  autoAck = false;
  subscription: Subscription | undefined;
  readonly #waiters = new Set<() => void>();

  readonly handler = (delivery: Delivery): void => {
    this.received.push(delivery);
    // A failed ack shows up as a missing or repeated message in the test's counts.
    if (this.autoAck) void delivery.ack().catch(() => undefined);
    for (const wake of [...this.#waiters]) wake();
  };

  get ids(): (string | undefined)[] {
    return this.received.map((delivery) => delivery.messageId);
  }

  async waitFor(count: number, timeoutMs = DEADLINE_MS): Promise<Delivery[]> {
    if (this.received.length < count) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          if (this.received.length < count) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Expected ${count} deliveries within ${timeoutMs} ms, got ${this.received.length}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
        };
        this.#waiters.add(wake);
      });
    }
    return this.received.slice(0, count);
  }

  /** Watches for `QUIET_MS` and fails if more than `count` deliveries arrived. */
  async expectNoMoreThan(count: number): Promise<void> {
    await sleep(QUIET_MS);
    expect(this.received.length).toBe(count);
  }
}

interface DeathEntry {
  readonly queue: string;
  readonly reason: 'rejected' | 'expired';
  readonly exchange: string;
  readonly routingKey: string;
}

/** One RabbitMQ-format `x-death` entry matching `expected`, with `time` in epoch ms no earlier than `since`. */
function expectDeath(headers: MessageHeaders, expected: DeathEntry, since: number): void {
  const deaths = headers['x-death'];
  expect(Array.isArray(deaths), `x-death is ${JSON.stringify(deaths)}`).toBe(true);
  const entries = deaths as readonly HeaderValue[];
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    queue: expected.queue,
    reason: expected.reason,
    count: 1,
    exchange: expected.exchange,
    'routing-keys': [expected.routingKey],
  });
  const time = (entries[0] as Record<string, HeaderValue>)['time'];
  expect(typeof time).toBe('number');
  // RabbitMQ stamps x-death in whole seconds.
  expect(time as number).toBeGreaterThanOrEqual(Math.floor(since / 1_000) * 1_000);
  expect(time as number).toBeLessThanOrEqual(Date.now());
}

/**
 * The one behaviour suite every `Broker` adapter must pass, so the embedded broker behaves like
 * RabbitMQ where services can tell the difference. `open` runs once for the whole suite; between tests
 * the suite cancels its subscriptions, settles what is left and purges every queue of the topology.
 * Tests run one after another and must not share the storage with anything else.
 */
export function describeBrokerContract(name: string, open: () => Promise<BrokerHarness>): void {
  describe(`Broker contract: ${name}`, { timeout: 60_000 }, () => {
    let harness: BrokerHarness | undefined;
    let broker: Broker;
    let topology: Topology;
    let job: ResolvedJobQueue;
    let ttlJob: ResolvedJobQueue;
    let brokerClosed = false;
    /** Undone after each test, last first: cancel subscriptions, close extra brokers. */
    let cleanups: (() => Promise<unknown>)[] = [];
    let inboxes: Inbox[] = [];

    beforeAll(async () => {
      harness = await open();
      ({ broker, topology } = harness);
      job = jobQueue(topology, Queues.ChatAnalysisJobs);
      ttlJob = jobQueue(topology, CONTRACT_TTL_QUEUE);
      await broker.declare(topology);
    });

    afterAll(async () => {
      await harness?.close();
    });

    afterEach(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      cleanups = [];
      for (const inbox of inboxes) {
        for (const delivery of inbox.received) await delivery.ack().catch(() => undefined);
      }
      inboxes = [];
      if (!brokerClosed) for (const queue of topology.queues) await broker.purge(queue.name);
    });

    /** Another broker on the same storage, closed after the test; undefined when the harness has none. */
    async function another(): Promise<Broker | undefined> {
      if (harness?.reopen === undefined) return undefined;
      const opened = await harness.reopen();
      cleanups.push(() => opened.close());
      return opened;
    }

    async function subscribe(queue: string, prefetch: number, on: Broker = broker): Promise<Inbox> {
      const inbox = new Inbox();
      inboxes.push(inbox);
      const subscription = await on.consume(queue, inbox.handler, { prefetch });
      inbox.subscription = subscription;
      cleanups.push(() => subscription.cancel());
      return inbox;
    }

    function jobMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
      const messageId = ulid();
      return {
        exchange: Exchanges.Direct,
        routingKey: job.routingKey,
        messageId,
        body: bytes(JSON.stringify({ messageId })),
        ...overrides,
      };
    }

    async function publishJobs(count: number, on: Broker = broker): Promise<OutgoingMessage[]> {
      const messages = Array.from({ length: count }, () => jobMessage());
      for (const message of messages) await on.publish(message);
      return messages;
    }

    async function stats(queue: string): Promise<QueueStats> {
      const [figures] = await broker.stats([queue]);
      if (figures === undefined) throw new Error(`stats() returned nothing for ${queue}`);
      return figures;
    }

    async function expectAllQueuesEmpty(): Promise<void> {
      const all = await broker.stats(topology.queues.map((queue) => queue.name));
      expect(all.map((figures) => [figures.queue, figures.ready])).toEqual(
        topology.queues.map((queue) => [queue.name, 0]),
      );
    }

    describe('declare', () => {
      it('declares the same topology again without error or change', async () => {
        await broker.declare(topology);
        await broker.declare(topology);
        const all = await broker.stats(topology.queues.map((queue) => queue.name));
        expect(all.map(({ queue, ready, consumers }) => ({ queue, ready, consumers }))).toEqual(
          topology.queues.map((queue) => ({ queue: queue.name, ready: 0, consumers: 0 })),
        );
      });
    });

    describe('publish and consume', () => {
      it('delivers body bytes, headers and properties unchanged', async () => {
        const body = new Uint8Array([0, 255, 1, 128, 10, ...bytes('{"text":"çay ☕ 日本"}')]);
        const headers = {
          'x-tenant-id': 'tenant-7',
          'x-correlation-id': 'corr-ğüşİ-日本-🚀',
          'x-empty': '',
          'x-retry-count': 3,
          'x-zero': 0,
          'x-negative': -5,
          'x-epoch-ms': 1_700_000_000_123,
          'x-ratio': 2.5,
        };
        const timestamp = Math.floor(Date.now() / 1_000) * 1_000 - 5_000 + 789;
        const sent = jobMessage({ body, headers, contentType: 'application/x-invekto-test', timestamp });
        const inbox = await subscribe(job.queue, 1);
        await broker.publish(sent);

        const [delivery] = await inbox.waitFor(1);
        expect(delivery).toMatchObject({
          queue: job.queue,
          exchange: Exchanges.Direct,
          routingKey: job.routingKey,
          messageId: sent.messageId,
          contentType: 'application/x-invekto-test',
          redelivered: false,
        });
        expect(delivery?.headers).toEqual(headers);
        expect(Buffer.isBuffer(delivery?.body)).toBe(true);
        expect([...(delivery?.body ?? [])]).toEqual([...body]);
        // Whole seconds are all RabbitMQ keeps (the AMQP timestamp property).
        expect(delivery?.timestamp).toBeGreaterThan(timestamp - 1_000);
        expect(delivery?.timestamp).toBeLessThanOrEqual(timestamp);
      });

      it('defaults the content type to application/json and the timestamp to the publish time', async () => {
        const inbox = await subscribe(job.queue, 1);
        const before = Date.now();
        await broker.publish(jobMessage({ body: new Uint8Array(0) }));
        const after = Date.now();

        const [delivery] = await inbox.waitFor(1);
        expect(delivery?.contentType).toBe('application/json');
        expect(delivery?.headers).toEqual({});
        expect(delivery?.body.length).toBe(0);
        expect(delivery?.timestamp).toBeGreaterThanOrEqual(Math.floor(before / 1_000) * 1_000);
        expect(delivery?.timestamp).toBeLessThanOrEqual(after);
      });

      it('hands out one consumer`s messages in publish order', async () => {
        const sent = await publishJobs(5);
        const inbox = await subscribe(job.queue, 10);
        inbox.autoAck = true;
        await inbox.waitFor(5);
        expect(inbox.ids).toEqual(sent.map((message) => message.messageId));
      });
    });

    describe('refused publishes', () => {
      it('rejects a routing key no queue is bound to with INV-BUS-002 and stores nothing', async () => {
        await expectCode(broker.publish(jobMessage({ routingKey: 'no-such-key' })), 'INV-BUS-002');
        await expectAllQueuesEmpty();
        await broker.publish(jobMessage());
        expect((await stats(job.queue)).ready).toBe(1);
      });

      it('rejects a publish to an exchange that does not exist with INV-BUS-002, then publishes again', async () => {
        await expectCode(broker.publish(jobMessage({ exchange: 'invekto.no-such-exchange' })), 'INV-BUS-002');
        await expectAllQueuesEmpty();
        await broker.publish(jobMessage());
        expect((await stats(job.queue)).ready).toBe(1);
      });

      it('rejects a publish into a full reject-publish queue with INV-BUS-001', async () => {
        const dlq = topology.queues.find((queue) => queue.name === Queues.DeadLetter);
        const maxLength = dlq?.arguments['x-max-length'];
        expect(typeof maxLength).toBe('number');
        const toDlq = { exchange: Exchanges.DeadLetter, routingKey: job.deadLetterRoutingKey };
        for (let n = 0; n < (maxLength as number); n++) await broker.publish(jobMessage(toDlq));

        await expectCode(broker.publish(jobMessage(toDlq)), 'INV-BUS-001');
        expect((await stats(Queues.DeadLetter)).ready).toBe(maxLength);
        await broker.publish(jobMessage());
        expect((await stats(job.queue)).ready).toBe(1);
      });
    });

    describe('prefetch and settlement', () => {
      it('holds back deliveries beyond prefetch until one is settled', async () => {
        const sent = await publishJobs(5);
        const inbox = await subscribe(job.queue, 2);
        await inbox.waitFor(2);
        await inbox.expectNoMoreThan(2);
        expect((await stats(job.queue)).ready).toBe(3);

        await inbox.received[0]?.ack();
        await inbox.waitFor(3);
        await inbox.expectNoMoreThan(3);
        expect(inbox.ids).toEqual(sent.slice(0, 3).map((message) => message.messageId));
      });

      it('removes an acknowledged message for good', async () => {
        const consumer = (await another()) ?? broker;
        const [first] = await publishJobs(1);
        const inbox = await subscribe(job.queue, 1, consumer);
        const [delivery] = await inbox.waitFor(1);
        expect(delivery?.messageId).toBe(first?.messageId);
        await delivery?.ack();
        if (consumer === broker) await inbox.subscription?.cancel();
        else await consumer.close();

        // A later message comes first now: the acknowledged one is gone, not waiting to be redelivered.
        const [marker] = await publishJobs(1);
        const after = await subscribe(job.queue, 1);
        const [next] = await after.waitFor(1);
        expect(next?.messageId).toBe(marker?.messageId);
        expect(next?.redelivered).toBe(false);
      });

      it('keeps a confirmed message after the broker instance that published it closes', async (context) => {
        const publisher = await another();
        if (publisher === undefined) return context.skip('the harness cannot open a second broker');
        const [sent] = await publishJobs(1, publisher);
        await publisher.close();

        const inbox = await subscribe(job.queue, 1);
        const [delivery] = await inbox.waitFor(1);
        expect(delivery?.messageId).toBe(sent?.messageId);
        expect(delivery?.redelivered).toBe(false);
      });

      it('delivers a message rejected with requeue again, marked redelivered', async () => {
        const [sent] = await publishJobs(1);
        const inbox = await subscribe(job.queue, 1);
        const [first] = await inbox.waitFor(1);
        expect(first?.redelivered).toBe(false);
        await first?.reject({ requeue: true });

        const [, again] = await inbox.waitFor(2);
        expect(again?.messageId).toBe(sent?.messageId);
        expect(again?.redelivered).toBe(true);
        expect(again?.body.toString()).toBe(first?.body.toString());
      });

      it('refuses to settle a delivery twice and leaves the other deliveries alone', async () => {
        await publishJobs(2);
        const inbox = await subscribe(job.queue, 2);
        const [first, second] = await inbox.waitFor(2);
        await first?.ack();
        await expect(first?.ack()).rejects.toThrow();
        await expect(first?.reject({ requeue: true })).rejects.toThrow();

        await second?.ack();
        await inbox.expectNoMoreThan(2);
        expect(await stats(job.queue)).toMatchObject({ ready: 0 });
      });
    });

    describe('dead-lettering', () => {
      it('moves a job rejected without requeue to invekto.dlq with an x-death entry and its headers', async () => {
        const since = Date.now();
        const headers = { 'x-tenant-id': 'tenant-7', 'x-retry-count': 2 };
        const sent = jobMessage({ headers });
        await broker.publish(sent);
        const jobs = await subscribe(job.queue, 1);
        const [delivery] = await jobs.waitFor(1);
        await delivery?.reject({ requeue: false });

        const dlq = await subscribe(Queues.DeadLetter, 1);
        const [dead] = await dlq.waitFor(1);
        expect(dead).toMatchObject({
          queue: Queues.DeadLetter,
          exchange: Exchanges.DeadLetter,
          routingKey: job.deadLetterRoutingKey,
          messageId: sent.messageId,
          contentType: 'application/json',
        });
        expect(dead?.body.toString()).toBe(Buffer.from(sent.body).toString());
        expect(dead?.headers).toMatchObject(headers);
        expectDeath(
          dead?.headers ?? {},
          { queue: job.queue, reason: 'rejected', exchange: Exchanges.Direct, routingKey: job.routingKey },
          since,
        );
        expect((await stats(job.queue)).ready).toBe(0);
      });

      it('returns a message parked on a retry rung to its job queue after the rung delay', async () => {
        const [rung] = topology.retryRungs;
        if (rung === undefined) throw new Error('the contract topology has no retry rungs');
        const key = retryRoutingKey(rung, job.routingKey);
        const headers = { 'x-correlation-id': 'corr-42', 'x-retry-count': 1 };
        const inbox = await subscribe(job.queue, 1);
        const since = Date.now();
        const sent = jobMessage({ exchange: Exchanges.Retry, routingKey: key, headers });
        await broker.publish(sent);

        const [delivery] = await inbox.waitFor(1);
        // Timers may fire a little early on some platforms; the rung must still hold the message.
        expect(Date.now() - since).toBeGreaterThanOrEqual(rung.delayMs - 20);
        expect(delivery).toMatchObject({
          queue: job.queue,
          exchange: Exchanges.Direct,
          routingKey: key,
          messageId: sent.messageId,
          redelivered: false,
        });
        expect(delivery?.body.toString()).toBe(Buffer.from(sent.body).toString());
        expect(delivery?.headers).toMatchObject(headers);
        expectDeath(
          delivery?.headers ?? {},
          { queue: rung.queue, reason: 'expired', exchange: Exchanges.Retry, routingKey: key },
          since,
        );
        expect((await stats(rung.queue)).ready).toBe(0);
      });

      it('dead-letters a job that waited longer than its queue message TTL', async () => {
        const dlq = await subscribe(Queues.DeadLetter, 1);
        const since = Date.now();
        const sent = jobMessage({ routingKey: ttlJob.routingKey, headers: { 'x-tenant-id': 'tenant-9' } });
        await broker.publish(sent);

        const [dead] = await dlq.waitFor(1);
        expect(Date.now() - since).toBeGreaterThanOrEqual(ttlJob.messageTtlMs - 20);
        expect(dead).toMatchObject({
          exchange: Exchanges.DeadLetter,
          routingKey: ttlJob.deadLetterRoutingKey,
          messageId: sent.messageId,
        });
        expect(dead?.headers).toMatchObject({ 'x-tenant-id': 'tenant-9' });
        expectDeath(
          dead?.headers ?? {},
          { queue: ttlJob.queue, reason: 'expired', exchange: Exchanges.Direct, routingKey: ttlJob.routingKey },
          since,
        );
        expect((await stats(ttlJob.queue)).ready).toBe(0);
      });
    });

    describe('subscriptions', () => {
      it('stops deliveries on cancel; what was delivered before can still be settled', async () => {
        await publishJobs(1);
        const inbox = new Inbox();
        inboxes.push(inbox);
        const subscription = await broker.consume(job.queue, inbox.handler, { prefetch: 5 });
        const [delivery] = await inbox.waitFor(1);
        await subscription.cancel();
        await subscription.cancel();

        await publishJobs(1);
        expect(await stats(job.queue)).toMatchObject({ ready: 1, consumers: 0 });
        await inbox.expectNoMoreThan(1);
        await delivery?.ack();
        expect((await stats(job.queue)).ready).toBe(1);
      });

      it('returns the unsettled deliveries of a closed broker to another consumer, marked redelivered', async (context) => {
        const first = await another();
        if (first === undefined) return context.skip('the harness cannot open a second broker');
        const sent = await publishJobs(3);
        const firstInbox = await subscribe(job.queue, 3, first);
        const held = await firstInbox.waitFor(3);
        const secondInbox = await subscribe(job.queue, 10);
        await secondInbox.expectNoMoreThan(0);

        await first.close();
        const redelivered = await secondInbox.waitFor(3);
        expect(redelivered.map((delivery) => delivery.messageId).sort()).toEqual(
          sent.map((message) => message.messageId).sort(),
        );
        expect(redelivered.every((delivery) => delivery.redelivered)).toBe(true);
        await expectCode(held[0]?.ack() ?? Promise.resolve(), 'INV-SYS-004');
      });

      it('shares a queue between two consumers, each message delivered exactly once', async () => {
        const second = (await another()) ?? broker;
        const sent = await publishJobs(2);
        // Prefetch 1 and no acks yet: the first consumer can hold one message only, so each gets one.
        const a = await subscribe(job.queue, 1);
        await a.waitFor(1);
        const b = await subscribe(job.queue, 1, second);
        await b.waitFor(1);
        expect(new Set([...a.ids, ...b.ids]).size).toBe(2);

        a.autoAck = true;
        b.autoAck = true;
        await Promise.all([...a.received, ...b.received].map((delivery) => delivery.ack()));
        sent.push(...(await publishJobs(18)));
        await eventually(async () => expect(a.received.length + b.received.length).toBe(20));
        await sleep(QUIET_MS);
        const ids = [...a.ids, ...b.ids];
        expect(ids).toHaveLength(20);
        expect(new Set(ids)).toEqual(new Set(sent.map((message) => message.messageId)));
      });
    });

    describe('stats, purge and ping', () => {
      it('reports ready messages, consumers and the age of the oldest message', async () => {
        const oldest = Date.now() - 60_000;
        await broker.publish(jobMessage({ timestamp: oldest }));
        await publishJobs(2);
        const unused = topology.retryRungs.at(-1)?.queue ?? Queues.DeadLetter;

        const [figures, empty] = await broker.stats([job.queue, unused]);
        expect(figures).toMatchObject({ queue: job.queue, ready: 3, consumers: 0 });
        expect(empty).toMatchObject({ queue: unused, ready: 0, consumers: 0, oldestMessageAgeMs: null });
        for (const field of ['unacked', 'publishRatePerSec', 'deliverRatePerSec'] as const) {
          const value = figures?.[field];
          if (value !== null) expect(value).toBeGreaterThanOrEqual(0);
        }

        const age = await eventually(async () => {
          const { oldestMessageAgeMs } = await stats(job.queue);
          if (harness?.reportsMessageAge) expect(oldestMessageAgeMs).not.toBeNull();
          return oldestMessageAgeMs;
        }, STATS_DEADLINE_MS);
        if (age !== null) {
          expect(age).toBeGreaterThanOrEqual(59_000);
          expect(age).toBeLessThan(120_000);
        }

        await subscribe(job.queue, 1);
        await eventually(async () => expect(await stats(job.queue)).toMatchObject({ ready: 2, consumers: 1 }));
        await eventually(async () => expect([1, null]).toContain((await stats(job.queue)).unacked), STATS_DEADLINE_MS);
      });

      it('rejects stats for a queue that does not exist, and keeps answering', async () => {
        await expect(broker.stats(['invekto.no-such-queue'])).rejects.toThrow();
        expect((await stats(job.queue)).ready).toBe(0);
      });

      it('purges the ready messages of a queue and says how many', async () => {
        await publishJobs(4);
        expect(await broker.purge(job.queue)).toBe(4);
        expect((await stats(job.queue)).ready).toBe(0);
        expect(await broker.purge(job.queue)).toBe(0);
      });

      it('answers ping', async () => {
        await expect(broker.ping()).resolves.toBeUndefined();
      });
    });

    // Last: without `reopen` it closes the suite's own broker.
    describe('close', () => {
      it('rejects every call with INV-SYS-004 once closed; closing again is harmless', async () => {
        const target = (await another()) ?? broker;
        brokerClosed = target === broker;
        await target.close();

        await expectCode(target.declare(topology), 'INV-SYS-004');
        await expectCode(target.publish(jobMessage()), 'INV-SYS-004');
        await expectCode(
          target.consume(job.queue, () => undefined, { prefetch: 1 }),
          'INV-SYS-004',
        );
        await expectCode(target.stats([job.queue]), 'INV-SYS-004');
        await expectCode(target.purge(job.queue), 'INV-SYS-004');
        await expectCode(target.ping(), 'INV-SYS-004');
        await expect(target.close()).resolves.toBeUndefined();
      });
    });
  });
}

function jobQueue(topology: Topology, name: string): ResolvedJobQueue {
  const found = topology.jobQueues.find((queue) => queue.queue === name);
  if (found === undefined)
    throw new Error(`The harness topology has no job queue ${name}; use buildContractTopology().`);
  return found;
}
