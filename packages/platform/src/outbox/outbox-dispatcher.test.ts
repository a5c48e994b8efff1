import { MessageHeaderNames } from '@invekto/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import type { Delivery } from '../messaging/broker/broker.js';
import { SqlBroker } from '../messaging/sql-broker/index.js';
import { buildTopology } from '../messaging/topology/topology.js';
import { LogCapture } from '../observability/log-capture.js';
import { createLogger } from '../observability/logger.js';
import { migrate } from '../store/sql/migrations.js';
import { PGLITE_MEMORY, PgliteSqlStore } from '../store/sql/pglite-sql-store.js';
import { describeOutboxDispatcherBehaviour, until, writeMessages } from './__fixtures__/outbox-dispatcher-behaviour.js';
import { RecordingBroker } from './__fixtures__/recording-broker.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { OUTBOX_DISPATCHER_DEFAULTS, type OutboxDispatcherOptions } from './outbox-dispatcher-options.js';
import { OutboxRepository } from './outbox-repository.js';

// One in-memory PGlite, migrated once, for the whole file: each instance costs ~600 MB and ~2 s.
let shared: Promise<PgliteSqlStore> | undefined;
function sharedStore(): Promise<PgliteSqlStore> {
  shared ??= PgliteSqlStore.open({ dataDir: PGLITE_MEMORY }).then(async (store) => {
    await migrate(store);
    return store;
  });
  return shared;
}

afterAll(async () => {
  await (await shared)?.close();
});

// PGlite has one connection, so "separate" stores are the shared one: the dispatchers still interleave
// their claims and publishes, which is what the test of several dispatchers is about.
describeOutboxDispatcherBehaviour('PGlite (memory://)', {
  shared: sharedStore,
  separate: sharedStore,
  concurrentRows: 600,
});

describe('OutboxDispatcher into a real SqlBroker (PGlite)', () => {
  it('delivers every routable row to its queue once, and keeps the unroutable one with its error', async () => {
    const store = await sharedStore();
    await store.query('DELETE FROM outbox; DELETE FROM broker_messages; DELETE FROM broker_consumers');
    const queue = 'invekto.jobs.outbox-dispatch-test';
    const broker = new SqlBroker({ store });
    await broker.declare(buildTopology({ jobQueues: [{ queue, routingKey: 'job.created' }] }));
    const logs = new LogCapture();
    const dispatcher = new OutboxDispatcher({
      repository: new OutboxRepository(store),
      broker,
      logger: createLogger({ service: 'outbox-dispatcher-test', hashSalt: 'test-salt', destination: logs }),
      idleIntervalMs: 10,
      maxInFlight: 8,
      purgeIntervalMs: 0,
    });
    const received: Delivery[] = [];
    const subscription = await broker.consume(
      queue,
      (delivery) => {
        received.push(delivery);
        void delivery.ack();
      },
      { prefetch: 50 },
    );
    try {
      const messages = await writeMessages(store, 20);
      const [stuck] = await writeMessages(store, 1, { routingKey: 'nobody.listens' });
      dispatcher.start();
      await until(() => received.length >= 20, 'twenty deliveries');
      await until(async () => (await dispatcher.backlog()).count === 1, 'only the unroutable row left');

      expect(received.map((delivery) => delivery.messageId).sort()).toEqual(
        messages.map((message) => message.messageId).sort(),
      );
      const { rows } = await store.query<{ message_id: string; created_at: Date }>(
        'SELECT message_id, created_at FROM outbox',
      );
      const createdAt = new Map(rows.map((row) => [row.message_id, row.created_at.getTime()]));
      for (const delivery of received) {
        const sent = messages.find((message) => message.messageId === delivery.messageId);
        expect(JSON.parse(delivery.body.toString('utf8'))).toEqual(sent?.payload);
        expect(delivery).toMatchObject({ exchange: 'invekto.direct', routingKey: 'job.created' });
        expect(delivery.contentType).toBe('application/json');
        expect(delivery.timestamp).toBe(createdAt.get(delivery.messageId ?? ''));
        expect(delivery.headers[MessageHeaderNames.MessageId]).toBe(delivery.messageId);
      }
      const { rows: left } = await store.query<{ message_id: string; last_error: string | null }>(
        'SELECT message_id, last_error FROM outbox WHERE dispatched_at IS NULL',
      );
      expect(left).toEqual([
        { message_id: stuck?.messageId, last_error: 'No queue is bound for the message routing key.' },
      ]);
      expect(logs.lines.filter((line) => line['level'] === 'error')).toHaveLength(1);
    } finally {
      await dispatcher.close();
      await subscription.cancel();
      await broker.close();
      await store.query('DELETE FROM outbox; DELETE FROM broker_messages; DELETE FROM broker_consumers');
    }
  });
});

describe('OutboxDispatcher options', () => {
  const logger = createLogger({
    service: 'outbox-dispatcher-test',
    hashSalt: 'test-salt',
    destination: new LogCapture(),
  });
  // The repository is never called by these tests: they fail or finish before start().
  const repository = new OutboxRepository({
    query: () => Promise.reject(new Error('no SQL expected')),
    transaction: () => Promise.reject(new Error('no SQL expected')),
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  });
  const base: OutboxDispatcherOptions = { repository, broker: new RecordingBroker(), logger };

  function configError(options: Record<string, unknown>): ConfigError {
    try {
      new OutboxDispatcher({ ...base, ...options } as OutboxDispatcherOptions);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error(`expected a ConfigError for ${JSON.stringify(Object.keys(options))}`);
  }

  it('fills in the documented defaults and freezes them', () => {
    const dispatcher = new OutboxDispatcher(base);
    expect(dispatcher.settings).toEqual({
      batchSize: 500,
      leaseMs: 30_000,
      maxInFlight: 64,
      publishTimeoutMs: 10_000,
      idleIntervalMs: 100,
      retryBaseDelayMs: 1_000,
      retryMaxDelayMs: 60_000,
      permanentRetryDelayMs: 600_000,
      backoffInitialMs: 100,
      backoffMaxMs: 5_000,
      purgeIntervalMs: 60_000,
      retainDispatchedMs: 86_400_000,
      purgeBatchSize: 1_000,
    });
    expect(dispatcher.settings).toEqual(OUTBOX_DISPATCHER_DEFAULTS);
    expect(Object.isFrozen(dispatcher.settings)).toBe(true);
    expect(new OutboxDispatcher({ ...base, batchSize: 7, purgeIntervalMs: 0 }).settings).toMatchObject({
      batchSize: 7,
      purgeIntervalMs: 0,
      leaseMs: 30_000,
    });
  });

  it('rejects a bad number with a ConfigError naming the field', () => {
    expect(configError({ batchSize: 0 }).variable).toBe('batchSize');
    expect(configError({ maxInFlight: 1.5 }).variable).toBe('maxInFlight');
    expect(configError({ leaseMs: '30000' }).variable).toBe('leaseMs');
    expect(configError({ idleIntervalMs: -1 }).variable).toBe('idleIntervalMs');
    expect(configError({ purgeIntervalMs: 2 ** 31 }).variable).toBe('purgeIntervalMs');
    expect(configError({ leaseMs: 5_000, publishTimeoutMs: 5_000 }).variable).toBe('publishTimeoutMs');
    expect(configError({ retryBaseDelayMs: 10, retryMaxDelayMs: 5 }).variable).toBe('retryMaxDelayMs');
    expect(configError({ backoffInitialMs: 10, backoffMaxMs: 5 }).variable).toBe('backoffMaxMs');
    expect(configError({ batchSise: 10 }).variable).toBe('batchSise');
  });

  it('rejects a missing collaborator with a ConfigError naming it', () => {
    expect(configError({ broker: {} }).variable).toBe('broker.publish');
    expect(configError({ repository: undefined }).variable).toBe('repository.claimBatch');
    expect(configError({ logger: { info: () => undefined } }).variable).toBe('logger.error');
    expect(configError({ onListenerError: 'warn' }).variable).toBe('onListenerError');
  });

  it('never starts after close(), and close() before start() resolves', async () => {
    const dispatcher = new OutboxDispatcher({ ...base, purgeIntervalMs: 0 });
    dispatcher.notify();
    await dispatcher.close();
    expect(() => dispatcher.start()).toThrow(/after close/);
  });
});
