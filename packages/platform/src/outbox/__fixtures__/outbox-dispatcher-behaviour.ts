import { ErrorCategory, InvektoError, MessageHeaderNames } from '@invekto/contracts';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LogCapture } from '../../observability/log-capture.js';
import { createLogger } from '../../observability/logger.js';
import type { SqlStore } from '../../store/sql/sql-store.js';
import { OutboxDispatcher } from '../outbox-dispatcher.js';
import type { OutboxDispatcherEvents } from '../outbox-dispatcher-events.js';
import type { OutboxDispatcherOptions, OutboxDispatchRepository } from '../outbox-dispatcher-options.js';
import type { OutboxMessage } from '../outbox-message.js';
import {
  OutboxRepository,
  type ClaimBatchOptions,
  type ClaimedOutboxMessage,
  type OutboxRepositoryOptions,
  type PurgeDispatchedOptions,
} from '../outbox-repository.js';
import { writeOutbox } from '../outbox-writer.js';
import { outboxMessage, testClock } from './outbox-behaviour.js';
import { RecordingBroker } from './recording-broker.js';

const HOUR = 3_600_000;

/** Resolves once `condition` holds; fails after `timeoutMs` instead of hanging the test. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * An `OutboxRepository` that counts what the dispatcher asks of it and can be told to fail the next
 * calls of one method the way a lost database does (INV-NET-002).
 */
export class ProbedRepository implements OutboxDispatchRepository {
  readonly inner: OutboxRepository;
  /** Rows returned by each claim, in order. */
  readonly claimSizes: number[] = [];
  readonly purgeCalls: number[] = [];
  readonly failNext = { claimBatch: 0, markDispatched: 0 };

  constructor(store: SqlStore, options?: OutboxRepositoryOptions) {
    this.inner = new OutboxRepository(store, options);
  }

  get claims(): number {
    return this.claimSizes.length;
  }

  async claimBatch(options: ClaimBatchOptions): Promise<ClaimedOutboxMessage[]> {
    this.#maybeFail('claimBatch');
    const rows = await this.inner.claimBatch(options);
    this.claimSizes.push(rows.length);
    return rows;
  }

  markDispatched(ids: readonly string[]): Promise<number> {
    this.#maybeFail('markDispatched');
    return this.inner.markDispatched(ids);
  }

  markFailed(id: string, error: unknown, retryAfterMs: number): Promise<boolean> {
    return this.inner.markFailed(id, error, retryAfterMs);
  }

  pending(): ReturnType<OutboxRepository['pending']> {
    return this.inner.pending();
  }

  async purgeDispatched(options: PurgeDispatchedOptions): Promise<number> {
    const deleted = await this.inner.purgeDispatched(options);
    this.purgeCalls.push(deleted);
    return deleted;
  }

  #maybeFail(method: keyof ProbedRepository['failNext']): void {
    if (this.failNext[method] === 0) return;
    this.failNext[method] -= 1;
    throw new InvektoError('INV-NET-002', { details: `${method} refused by the test` });
  }
}

type EventLog = { [K in keyof OutboxDispatcherEvents]: OutboxDispatcherEvents[K][] };

export function recordEvents(dispatcher: OutboxDispatcher): EventLog {
  const log: EventLog = {
    dispatched: [],
    'publish-failed': [],
    'broker-unavailable': [],
    'broker-recovered': [],
    'store-failed': [],
    purged: [],
  };
  for (const name of Object.keys(log) as (keyof OutboxDispatcherEvents)[]) {
    dispatcher.on(name, (event) => (log[name] as unknown[]).push(event));
  }
  return log;
}

export async function writeMessages(
  store: SqlStore,
  count: number,
  overrides: Partial<OutboxMessage> = {},
): Promise<OutboxMessage[]> {
  const messages = Array.from({ length: count }, (_, n) => outboxMessage({ payload: { n }, ...overrides }));
  for (let start = 0; start < messages.length; start += 500) {
    await store.transaction(async (tx) => {
      for (const message of messages.slice(start, start + 500)) await writeOutbox(tx, message);
    });
  }
  return messages;
}

interface OutboxRow {
  id: string;
  message_id: string;
  attempts: number;
  last_error: string | null;
  dispatched: boolean;
  created_at: Date;
}

async function outboxRows(store: SqlStore): Promise<OutboxRow[]> {
  const { rows } = await store.query<OutboxRow>(
    `SELECT id, message_id, attempts, last_error, dispatched_at IS NOT NULL AS dispatched, created_at
     FROM outbox ORDER BY id`,
  );
  return rows;
}

function dispatchedIds(rows: readonly OutboxRow[]): string[] {
  return rows.filter((row) => row.dispatched).map((row) => row.message_id);
}

export interface DispatcherSuiteStores {
  /** A migrated store the suite may share with others; it empties `outbox` before each test. */
  shared(): Promise<SqlStore>;
  /** A store with connections of its own on the same database, as another process would have. */
  separate(): Promise<SqlStore>;
  /** Rows written for the test with three dispatchers. */
  readonly concurrentRows: number;
}

/** What an `OutboxDispatcher` does on any `SqlStore`, against a recording broker. */
export function describeOutboxDispatcherBehaviour(name: string, stores: DispatcherSuiteStores): void {
  describe(`OutboxDispatcher: ${name}`, () => {
    let store: SqlStore;
    const running: { dispatcher: OutboxDispatcher; broker: RecordingBroker }[] = [];

    interface Harness {
      readonly dispatcher: OutboxDispatcher;
      readonly broker: RecordingBroker;
      readonly repository: ProbedRepository;
      readonly events: EventLog;
      readonly logs: LogCapture;
    }

    /** A dispatcher with quick timings for tests; closed after the test. */
    function harness(
      options: Partial<OutboxDispatcherOptions> & { readonly clock?: () => number } = {},
      shared: { broker?: RecordingBroker; repository?: ProbedRepository } = {},
    ): Harness {
      const { clock, ...rest } = options;
      const broker = shared.broker ?? new RecordingBroker();
      const repository = shared.repository ?? new ProbedRepository(store, clock === undefined ? {} : { now: clock });
      const logs = new LogCapture();
      const dispatcher = new OutboxDispatcher({
        repository,
        broker,
        logger: createLogger({ service: 'outbox-dispatcher-test', hashSalt: 'test-salt', destination: logs }),
        idleIntervalMs: 10,
        backoffInitialMs: 10,
        backoffMaxMs: 80,
        purgeIntervalMs: 0,
        ...rest,
      });
      running.push({ dispatcher, broker });
      return { dispatcher, broker, repository, events: recordEvents(dispatcher), logs };
    }

    beforeAll(async () => {
      store = await stores.shared();
    });

    beforeEach(async () => {
      await store.query('DELETE FROM outbox');
    });

    afterEach(async () => {
      for (const { broker } of running) broker.release();
      await Promise.all(running.splice(0).map(({ dispatcher }) => dispatcher.close()));
    });

    it('publishes every row once as the broker port expects it, and marks it dispatched', async () => {
      const { dispatcher, broker, events } = harness();
      const messages = await writeMessages(store, 3);
      const special = outboxMessage({ payload: { text: 'çay ☕ "quoted"', list: [1, null, true] } });
      await store.transaction((tx) => writeOutbox(tx, special));
      dispatcher.start();
      expect(() => dispatcher.start()).toThrow(/starts once/);

      await until(() => broker.published.length === 4, 'four confirms');
      await until(async () => (await dispatcher.backlog()).count === 0, 'an empty backlog');
      const rows = await outboxRows(store);
      expect(rows.map((row) => [row.message_id, row.dispatched, row.attempts, row.last_error])).toEqual(
        [...messages, special].map((message) => [message.messageId, true, 1, null]),
      );
      expect(events.dispatched.reduce((sum, event) => sum + event.count, 0)).toBe(4);

      const sent = broker.published.find((message) => message.messageId === special.messageId);
      const row = rows.find((candidate) => candidate.message_id === special.messageId);
      expect(sent).toMatchObject({
        exchange: 'invekto.direct',
        routingKey: 'job.created',
        contentType: 'application/json',
        timestamp: row?.created_at.getTime(),
        headers: { [MessageHeaderNames.TenantId]: 'tenant-1', [MessageHeaderNames.MessageId]: special.messageId },
      });
      expect(JSON.parse(Buffer.from(sent?.body ?? []).toString('utf8'))).toEqual(special.payload);
      expect([...broker.confirmCounts().values()]).toEqual([1, 1, 1, 1]);
    });

    it('claims again at once while batches come back full, and idles after a short one', async () => {
      const { dispatcher, broker, repository } = harness({ batchSize: 10, idleIntervalMs: 60_000 });
      await writeMessages(store, 45);
      dispatcher.start();
      // An idle pause of a minute would blow this deadline: full batches must not wait.
      await until(() => broker.published.length === 45, '45 confirms', 5_000);
      await until(async () => (await dispatcher.backlog()).count === 0, 'an empty backlog', 5_000);
      expect(repository.claimSizes).toEqual([10, 10, 10, 10, 5]);
    });

    it('notify() ends an idle pause at once, and a notify that comes mid-batch is not lost', async () => {
      const { dispatcher, broker, repository } = harness({ idleIntervalMs: 60_000 });
      dispatcher.start();
      await until(() => repository.claims === 1, 'the first, empty claim');

      const [first] = await writeMessages(store, 1);
      dispatcher.notify();
      await until(() => broker.published.length === 1, 'the first confirm', 5_000);
      expect(broker.published[0]?.messageId).toBe(first?.messageId);

      broker.hold();
      await writeMessages(store, 1);
      dispatcher.notify();
      await until(() => broker.inFlight === 1, 'the second publish to start', 5_000);
      const [third] = await writeMessages(store, 1);
      dispatcher.notify();
      broker.release();
      await until(() => broker.published.length === 3, 'the third confirm', 5_000);
      expect(broker.published[2]?.messageId).toBe(third?.messageId);
    });

    it('keeps at most maxInFlight publishes waiting for their confirms', async () => {
      const { dispatcher, broker } = harness({ maxInFlight: 4 });
      broker.latency(5);
      await writeMessages(store, 40);
      dispatcher.start();
      await until(() => broker.published.length === 40, '40 confirms');
      expect(broker.maxInFlight).toBe(4);
    });

    it('broker unreachable: rows wait, nothing is lost, the loop backs off exponentially and resumes', async () => {
      const { dispatcher, broker, events, logs } = harness();
      broker.failWith('INV-BUS-006');
      const messages = await writeMessages(store, 20);
      const callsAtEvent: number[] = [];
      dispatcher.on('broker-unavailable', () => callsAtEvent.push(broker.calls));
      dispatcher.start();

      await until(() => events['broker-unavailable'].length >= 6, 'six backoffs');
      expect(events['broker-unavailable'].slice(0, 6).map((event) => event.retryInMs)).toEqual([
        10, 20, 40, 80, 80, 80,
      ]);
      // The first batch is handed back whole; after that the loop probes with one row at a time.
      expect(events['broker-unavailable'].slice(0, 6).map((event) => event.returned)).toEqual([20, 1, 1, 1, 1, 1]);
      expect(callsAtEvent.slice(0, 6)).toEqual([20, 21, 22, 23, 24, 25]);
      expect(broker.published).toEqual([]);
      expect(await dispatcher.backlog()).toMatchObject({ count: 20 });
      const waiting = await outboxRows(store);
      expect(waiting.every((row) => !row.dispatched)).toBe(true);
      expect(waiting[0]?.last_error).toBe('The message broker is unreachable.');
      expect(logs.lines.filter((line) => line['level'] === 'warn')).toHaveLength(1);

      broker.failWith(undefined);
      await until(async () => (await dispatcher.backlog()).count === 0, 'the backlog to drain');
      const counts = broker.confirmCounts();
      expect(counts.size).toBe(20);
      expect(messages.every((message) => counts.get(message.messageId) === 1)).toBe(true);
      expect(events['broker-recovered']).toHaveLength(1);
      expect(logs.lines.some((line) => line['level'] === 'info' && /resumed/.test(String(line['msg'])))).toBe(true);
    });

    it('broker lost mid-batch: confirmed rows are marked, the rest handed back, none marked unpublished', async () => {
      const { dispatcher, broker, events } = harness({ maxInFlight: 1 });
      broker.failWith('INV-BUS-006', 12);
      const messages = await writeMessages(store, 30);
      dispatcher.start();

      await until(() => events['broker-unavailable'].length >= 2, 'the outage to be seen');
      expect(events['broker-unavailable'][0]?.returned).toBe(18);
      const published = broker.published.map((message) => message.messageId);
      expect(published).toEqual(messages.slice(0, 12).map((message) => message.messageId));
      expect(dispatchedIds(await outboxRows(store))).toEqual(published);

      broker.failWith(undefined);
      await until(async () => (await dispatcher.backlog()).count === 0, 'the backlog to drain');
      expect(broker.published).toHaveLength(30);
      expect([...broker.confirmCounts().values()].every((count) => count === 1)).toBe(true);
    });

    it('not confirmed (INV-BUS-001): the row is retried after a delay that doubles with its attempts, capped', async () => {
      const { dispatcher, broker, events } = harness({ retryBaseDelayMs: 20, retryMaxDelayMs: 80 });
      const [flaky, ...others] = await writeMessages(store, 3);
      if (flaky === undefined) throw new Error('expected messages');
      broker.failMessage(flaky.messageId, 'INV-BUS-001', 4);
      dispatcher.start();

      await until(() => broker.published.length === 3, 'three confirms');
      const failures = events['publish-failed'];
      expect(failures.map((event) => [event.messageId, event.attempts, event.retryInMs, event.category])).toEqual([
        [flaky.messageId, 1, 20, ErrorCategory.Transient],
        [flaky.messageId, 2, 40, ErrorCategory.Transient],
        [flaky.messageId, 3, 80, ErrorCategory.Transient],
        [flaky.messageId, 4, 80, ErrorCategory.Transient],
      ]);
      expect(others.every((message) => broker.callsFor(message.messageId) === 1)).toBe(true);
      await until(async () => (await dispatcher.backlog()).count === 0, 'the backlog to drain');
      const row = (await outboxRows(store)).find((candidate) => candidate.message_id === flaky.messageId);
      expect(row).toMatchObject({
        dispatched: true,
        attempts: 5,
        last_error: 'The message broker did not confirm the message.',
      });
    });

    it('a publish never confirmed times out as INV-BUS-001 and is retried', async () => {
      const { dispatcher, broker, events } = harness({ publishTimeoutMs: 50, retryBaseDelayMs: 0 });
      broker.hold();
      const [message] = await writeMessages(store, 1);
      dispatcher.start();
      await until(() => events['publish-failed'].length >= 1, 'the timeout');
      const [failure] = events['publish-failed'];
      expect(failure).toMatchObject({ messageId: message?.messageId, category: ErrorCategory.Transient });
      expect(failure?.error).toMatchObject({ code: 'INV-BUS-001', message: expect.stringContaining('within 50 ms') });
      broker.release();
      await until(async () => (await dispatcher.backlog()).count === 0, 'the retry to be confirmed');
    });

    it('unroutable (INV-BUS-002): the row stays with its error, is not retried hot, and is logged as an error', async () => {
      const { dispatcher, broker, repository, events, logs } = harness({ idleIntervalMs: 5 });
      broker.unroutable('nobody.listens');
      const [stuck] = await writeMessages(store, 1, { routingKey: 'nobody.listens' });
      const fine = await writeMessages(store, 3);
      if (stuck === undefined) throw new Error('expected a message');
      dispatcher.start();

      await until(() => broker.published.length === 3 && repository.claims >= 30, 'thirty idle turns');
      expect(broker.callsFor(stuck.messageId)).toBe(1);
      expect(fine.every((message) => broker.callsFor(message.messageId) === 1)).toBe(true);
      expect(events['publish-failed']).toEqual([
        expect.objectContaining({
          messageId: stuck.messageId,
          routingKey: 'nobody.listens',
          category: ErrorCategory.Permanent,
          retryInMs: 600_000,
          error: expect.objectContaining({ code: 'INV-BUS-002' }),
        }),
      ]);

      const { rows } = await store.query<{ dispatched: boolean; last_error: string; later: boolean }>(
        `SELECT dispatched_at IS NOT NULL AS dispatched, last_error,
                available_at > now() + interval '9 minutes' AS later
         FROM outbox WHERE message_id = $1`,
        [stuck.messageId],
      );
      expect(rows).toEqual([
        { dispatched: false, last_error: 'No queue is bound for the message routing key.', later: true },
      ]);
      expect(await dispatcher.backlog()).toMatchObject({ count: 1 });
      const errors = logs.lines.filter((line) => line['level'] === 'error');
      expect(errors).toEqual([
        expect.objectContaining({ messageId: stuck.messageId, routingKey: 'nobody.listens', retryInMs: 600_000 }),
      ]);
    });

    it(`${stores.concurrentRows} rows, three dispatchers on separate connections: each published exactly once`, async () => {
      const broker = new RecordingBroker();
      broker.latency(1);
      const half = Math.floor(stores.concurrentRows / 2);
      const messages = await writeMessages(store, half);
      const dispatchers = await Promise.all(
        [0, 1, 2].map(async () => {
          const repository = new ProbedRepository(await stores.separate());
          return harness({ batchSize: 50, maxInFlight: 16 }, { broker, repository });
        }),
      );
      for (const { dispatcher } of dispatchers) dispatcher.start();
      // The rest arrive while the dispatchers run, as they would from live traffic.
      messages.push(...(await writeMessages(store, stores.concurrentRows - half)));
      for (const { dispatcher } of dispatchers) dispatcher.notify();

      await until(() => broker.published.length >= stores.concurrentRows, 'every confirm', 15_000);
      await until(async () => (await dispatchers[0]?.dispatcher.backlog())?.count === 0, 'an empty backlog');
      const counts = broker.confirmCounts();
      expect(counts.size).toBe(stores.concurrentRows);
      expect(messages.every((message) => counts.get(message.messageId) === 1)).toBe(true);
      expect(broker.published).toHaveLength(stores.concurrentRows);
      const shares = dispatchers.map(({ events }) => events.dispatched.reduce((sum, event) => sum + event.count, 0));
      expect(shares.reduce((sum, share) => sum + share, 0)).toBe(stores.concurrentRows);
      expect(shares.filter((share) => share > 0).length).toBeGreaterThan(1);
      const { rows } = await store.query<{ attempts: number }>('SELECT DISTINCT attempts FROM outbox');
      expect(rows).toEqual([{ attempts: 1 }]);
    }, 30_000);

    it('close() mid-batch finishes the batch in hand, marks it, and claims nothing more', async () => {
      const { dispatcher, broker, repository } = harness({ batchSize: 20, maxInFlight: 4 });
      broker.hold();
      const messages = await writeMessages(store, 50);
      dispatcher.start();
      await until(() => broker.inFlight === 4, 'four publishes in flight');

      let closed = false;
      const closing = dispatcher.close().then(() => (closed = true));
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(closed).toBe(false);
      broker.release();
      await closing;

      const batch = messages.slice(0, 20).map((message) => message.messageId);
      expect(broker.published.map((message) => message.messageId).sort()).toEqual([...batch].sort());
      const rows = await outboxRows(store);
      expect(dispatchedIds(rows)).toEqual(batch);
      expect(rows.slice(20).every((row) => row.attempts === 0)).toBe(true);
      expect(repository.claimSizes).toEqual([20]);

      dispatcher.notify();
      await expect(dispatcher.close()).resolves.toBeUndefined();
      expect(() => dispatcher.start()).toThrow(/after close/);
      expect(repository.claims).toBe(1);
    });

    it('starts no publish once the lease runs short: the rest go back and out again, each once', async () => {
      const { dispatcher, broker, repository } = harness({ leaseMs: 400, publishTimeoutMs: 200, maxInFlight: 1 });
      broker.latency(60);
      const messages = await writeMessages(store, 8);
      dispatcher.start();
      await until(async () => (await dispatcher.backlog()).count === 0, 'the backlog to drain');
      // The first batch stopped early; its rest was handed back and claimed again at once.
      const [first, second] = repository.claimSizes;
      expect(first).toBe(8);
      expect(second).toBeGreaterThan(0);
      expect(second).toBeLessThan(8);
      expect(broker.calls).toBe(8);
      const counts = broker.confirmCounts();
      expect(messages.every((message) => counts.get(message.messageId) === 1)).toBe(true);
    });

    it('purges rows dispatched longer ago than retainDispatchedMs, in batches, and nothing else', async () => {
      const clock = testClock();
      const setup = new OutboxRepository(store, { now: clock.now });
      await writeMessages(store, 5);
      await setup.markDispatched((await setup.claimBatch({ limit: 10, leaseMs: 1_000 })).map((row) => row.id));
      clock.advance(25 * HOUR);
      const recent = await writeMessages(store, 2);
      await setup.markDispatched((await setup.claimBatch({ limit: 10, leaseMs: 1_000 })).map((row) => row.id));
      const [pending] = await writeMessages(store, 1, { routingKey: 'nobody.listens' });

      const { dispatcher, broker, repository, events } = harness({
        clock: clock.now,
        purgeIntervalMs: 20,
        purgeBatchSize: 2,
      });
      broker.unroutable('nobody.listens');
      dispatcher.start();
      await until(() => events.purged.length >= 2, 'two purge passes');

      expect(events.purged[0]?.count).toBe(5);
      expect(events.purged[1]?.count).toBe(0);
      expect(repository.purgeCalls.slice(0, 4)).toEqual([2, 2, 1, 0]);
      const rows = await outboxRows(store);
      expect(rows.map((row) => [row.message_id, row.dispatched])).toEqual([
        ...recent.map((message) => [message.messageId, true]),
        [pending?.messageId, false],
      ]);
      expect(await dispatcher.purge()).toBe(0);
    });

    it('the outbox table failing pauses the loop with backoff, and it resumes', async () => {
      const { dispatcher, broker, repository, events, logs } = harness();
      repository.failNext.claimBatch = 3;
      await writeMessages(store, 5);
      dispatcher.start();
      await until(() => broker.published.length === 5, 'five confirms');
      expect(events['store-failed'].map((event) => [event.operation, event.retryInMs])).toEqual([
        ['claim', 10],
        ['claim', 20],
        ['claim', 40],
      ]);
      expect(logs.lines.filter((line) => line['level'] === 'warn')).toHaveLength(1);
      expect(logs.lines.some((line) => line['level'] === 'info' && /outbox table/.test(String(line['msg'])))).toBe(
        true,
      );
    });

    it('published rows whose mark failed are marked before the next claim, so nothing goes out twice', async () => {
      const { dispatcher, broker, repository, events } = harness({ batchSize: 4 });
      repository.failNext.markDispatched = 2;
      const messages = await writeMessages(store, 10);
      dispatcher.start();
      await until(async () => (await dispatcher.backlog()).count === 0, 'the backlog to drain');
      expect(events['store-failed'].map((event) => event.operation)).toEqual(['mark-dispatched', 'mark-dispatched']);
      expect(repository.claimSizes.filter((size) => size > 0)).toEqual([4, 4, 2]);
      const counts = broker.confirmCounts();
      expect(messages.every((message) => counts.get(message.messageId) === 1)).toBe(true);
      expect(events.dispatched.reduce((sum, event) => sum + event.count, 0)).toBe(10);
    });
  });
}
