import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL, useTestDatabase } from '../__fixtures__/postgres-test-database.js';
import { realServer } from '../__fixtures__/real-servers.js';
import { startTcpProxy, type TcpProxy } from '../__fixtures__/tcp-proxy.js';
import { LogCapture } from '../observability/log-capture.js';
import { createLogger } from '../observability/logger.js';
import { migrate } from '../store/sql/migrations.js';
import { PostgresSqlStore } from '../store/sql/postgres-sql-store.js';
import {
  ProbedRepository,
  describeOutboxDispatcherBehaviour,
  recordEvents,
  until,
  writeMessages,
} from './__fixtures__/outbox-dispatcher-behaviour.js';
import { RecordingBroker } from './__fixtures__/recording-broker.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';

const postgres = await realServer('PostgreSQL', TEST_PG_URL);

describe.runIf(postgres.run)('OutboxDispatcher against a real PostgreSQL', () => {
  const database = useTestDatabase(postgres, 'invekto_outbox_dispatch_test');
  let shared: Promise<PostgresSqlStore> | undefined;
  const sharedStore = () => {
    shared ??= (async () => {
      const store = database.open({ poolSize: 4 });
      await migrate(store);
      return store;
    })();
    return shared;
  };

  describeOutboxDispatcherBehaviour('PostgreSQL', {
    shared: sharedStore,
    // A pool per dispatcher: their claims race on separate connections, as separate processes' would.
    separate: async () => database.open({ poolSize: 2 }),
    concurrentRows: 2000,
  });

  describe('with the database behind a TCP proxy', () => {
    let proxy: TcpProxy | undefined;
    let proxied: PostgresSqlStore | undefined;

    afterAll(async () => {
      await proxied?.close();
      await proxy?.close();
    });

    it('rides out a database outage mid-stream: pauses, resumes, and every message goes out', async () => {
      const direct = await sharedStore();
      await direct.query('DELETE FROM outbox');
      const target = new URL(direct.options.url);
      proxy = await startTcpProxy({ targetHost: target.hostname, targetPort: Number(target.port || 5432) });
      const url = new URL(target);
      url.hostname = proxy.host;
      url.port = String(proxy.port);
      proxied = new PostgresSqlStore({ url: url.toString(), poolSize: 2, connectionTimeoutMs: 500 });

      const broker = new RecordingBroker();
      broker.latency(2);
      const repository = new ProbedRepository(proxied);
      const logs = new LogCapture();
      const dispatcher = new OutboxDispatcher({
        repository,
        broker,
        logger: createLogger({ service: 'outbox-dispatcher-test', hashSalt: 'test-salt', destination: logs }),
        batchSize: 50,
        maxInFlight: 8,
        // Short leases: a claim committed just before the cut, whose answer was lost, comes back soon.
        leaseMs: 1_000,
        publishTimeoutMs: 500,
        idleIntervalMs: 10,
        backoffInitialMs: 10,
        backoffMaxMs: 100,
        purgeIntervalMs: 0,
      });
      const events = recordEvents(dispatcher);
      const messages = await writeMessages(direct, 600);
      try {
        dispatcher.start();
        await until(() => broker.published.length >= 100, 'the first confirms');
        proxy.cut();
        await until(() => events['store-failed'].length >= 3, 'three failed turns');
        const confirmedDuringOutage = broker.published.length;
        await until(() => events['store-failed'].length >= 6, 'three more failed turns');
        // Nothing new is claimed while the table is out of reach, and the loop backs off.
        expect(broker.published.length).toBe(confirmedDuringOutage);
        expect(events['store-failed'].slice(0, 6).map((event) => event.retryInMs)).toEqual([10, 20, 40, 80, 100, 100]);

        proxy.restore();
        await until(async () => (await repository.pending()).count === 0, 'the backlog to drain', 15_000);
      } finally {
        await dispatcher.close();
      }

      // At least once: a mark lost in the cut may send a row again once its lease lapses.
      const counts = broker.confirmCounts();
      expect(messages.every((message) => (counts.get(message.messageId) ?? 0) >= 1)).toBe(true);
      const { rows } = await direct.query<{ pending: number }>(
        'SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL',
      );
      expect(rows).toEqual([{ pending: 0 }]);
      // The cut may land on a claim or on the mark after a batch; either way the loop paused.
      expect(events['store-failed'].every((event) => ['claim', 'mark-dispatched'].includes(event.operation))).toBe(
        true,
      );
      const levels = logs.lines.map((line) => line['level']);
      expect(levels.filter((level) => level === 'warn').length).toBeGreaterThanOrEqual(1);
      expect(logs.lines.some((line) => /outbox table reachable again/.test(String(line['msg'])))).toBe(true);
    }, 30_000);
  });
});
