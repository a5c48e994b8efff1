import { Exchanges } from '@invekto/contracts';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { TEST_PG_URL, useTestDatabase } from '../../__fixtures__/postgres-test-database.js';
import { realServer } from '../../__fixtures__/real-servers.js';
import { startTcpProxy } from '../../__fixtures__/tcp-proxy.js';
import { migrate } from '../../store/sql/migrations.js';
import { PostgresSqlStore } from '../../store/sql/postgres-sql-store.js';
import type { OutgoingMessage } from '../broker/broker.js';
import { buildContractTopology, describeBrokerContract } from '../broker/__fixtures__/broker-contract.js';
import {
  codeOf,
  Collector,
  describeSqlBrokerBehaviour,
  errorOf,
  eventually,
  resetBrokerTables,
} from './__fixtures__/sql-broker-behaviour.js';
import type { SqlBrokerEvents } from './sql-broker-events.js';
import { SqlBroker } from './sql-broker.js';

const postgres = await realServer('PostgreSQL', TEST_PG_URL);

describe.runIf(postgres.run)('SqlBroker against a real PostgreSQL', () => {
  const database = useTestDatabase(postgres, 'invekto_sql_broker_test');
  let shared: Promise<PostgresSqlStore> | undefined;
  const sharedStore = () => {
    shared ??= (async () => {
      const store = database.open({ poolSize: 4 });
      await migrate(store);
      return store;
    })();
    return shared;
  };
  /** A pool of its own: what another process on the same database would have. */
  const peerStore = async () => database.open({ poolSize: 2 });

  const topology = buildContractTopology();
  const job = topology.jobQueues[0]!;
  const jobMessage = (): OutgoingMessage => ({
    exchange: Exchanges.Direct,
    routingKey: job.routingKey,
    messageId: ulid(),
    body: new TextEncoder().encode('{}'),
  });

  describeBrokerContract('SqlBroker on PostgreSQL', async () => {
    const store = await sharedStore();
    await resetBrokerTables(store);
    const opened: SqlBroker[] = [];
    const open = (on: PostgresSqlStore) => {
      const broker = new SqlBroker({ store: on });
      opened.push(broker);
      return broker;
    };
    return {
      broker: open(store),
      topology,
      reportsMessageAge: true,
      reopen: async () => {
        const broker = open(await peerStore());
        await broker.declare(topology);
        return broker;
      },
      close: async () => {
        await Promise.all(opened.map((broker) => broker.close()));
        await resetBrokerTables(store);
      },
    };
  });

  describeSqlBrokerBehaviour('PostgreSQL', { store: sharedStore, peerStore });

  describe('SqlBroker on PostgreSQL only', () => {
    it('hands each message to exactly one of the consumers of four processes (SKIP LOCKED)', async () => {
      const store = await sharedStore();
      await resetBrokerTables(store);
      const brokers = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const broker = new SqlBroker({ store: await peerStore() });
          await broker.declare(topology);
          return broker;
        }),
      );
      try {
        const sent = Array.from({ length: 400 }, jobMessage);
        await Promise.all(sent.map((message, i) => brokers[i % 4]!.publish(message)));
        const inboxes = await Promise.all(
          brokers.map(async (broker) => {
            const inbox = new Collector();
            inbox.autoAck = true;
            await broker.consume(job.queue, inbox.handler, { prefetch: 7 });
            return inbox;
          }),
        );
        await eventually(() => expect(inboxes.reduce((sum, inbox) => sum + inbox.received.length, 0)).toBe(400));
        const ids = inboxes.flatMap((inbox) => inbox.received.map((delivery) => delivery.messageId));
        expect(new Set(ids)).toEqual(new Set(sent.map((message) => message.messageId)));
        expect(ids).toHaveLength(400);
        expect(inboxes.filter((inbox) => inbox.received.length > 0).length).toBeGreaterThan(1);
        expect(inboxes.flatMap((inbox) => inbox.received).some((delivery) => delivery.redelivered)).toBe(false);
      } finally {
        await Promise.all(brokers.map((broker) => broker.close()));
      }
    });

    it('fails with INV-BUS-006 while the database is cut off, and recovers without losing a message', async () => {
      const store = await sharedStore();
      await resetBrokerTables(store);
      const target = new URL(store.options.url);
      const proxy = await startTcpProxy({ targetHost: target.hostname, targetPort: Number(target.port || 5432) });
      const proxied = new URL(target);
      proxied.hostname = proxy.host;
      proxied.port = String(proxy.port);
      const viaProxy = new PostgresSqlStore({ url: proxied.toString(), poolSize: 2, connectionTimeoutMs: 1_000 });
      const broker = new SqlBroker({
        store: viaProxy,
        leaseMs: 1_500,
        renewIntervalMs: 300,
        backoffInitialMs: 50,
        backoffMaxMs: 200,
      });
      const failures: SqlBrokerEvents['loop-failed'][] = [];
      broker.on('loop-failed', (event) => failures.push(event));
      try {
        await broker.declare(topology);
        const inbox = new Collector();
        await broker.consume(job.queue, inbox.handler, { prefetch: 5 });
        const first = jobMessage();
        await broker.publish(first);
        const [held] = await inbox.waitFor(1);

        proxy.cut();
        expect(codeOf(await errorOf(broker.publish(jobMessage())))).toBe('INV-BUS-006');
        expect(codeOf(await errorOf(broker.stats([job.queue])))).toBe('INV-BUS-006');
        expect(codeOf(await errorOf(held!.ack()))).toBe('INV-BUS-006');
        await eventually(() =>
          expect(failures.some((event) => event.loop === 'claim' && codeOf(event.error) === 'INV-BUS-006')).toBe(true),
        );

        proxy.restore();
        const second = jobMessage();
        await eventually(() => broker.publish(second));
        // The acknowledgement that failed never reached the database: the message comes back once its lease lapses.
        await eventually(() =>
          expect(inbox.received.map((delivery) => [delivery.messageId, delivery.redelivered])).toEqual(
            expect.arrayContaining([
              [second.messageId, false],
              [first.messageId, true],
            ]),
          ),
        );
      } finally {
        await broker.close();
        await viaProxy.close();
        await proxy.close();
      }
    });
  });
});
