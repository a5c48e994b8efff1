import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { Exchanges, isInvektoError, Queues } from '@invekto/contracts';
import { connect } from 'amqplib';
import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { realServer, tcpReachable } from '../../__fixtures__/real-servers.js';
import { buildContractTopology, describeBrokerContract } from '../broker/__fixtures__/broker-contract.js';
import type { Delivery, OutgoingMessage } from '../broker/broker.js';
import { TcpProxy } from './__fixtures__/tcp-proxy.js';
import type { RabbitMqBrokerEvents } from './rabbitmq-broker-events.js';
import type { RabbitMqBrokerOptions } from './rabbitmq-broker-options.js';
import { RabbitMqBroker } from './rabbitmq-broker.js';

const url = process.env['INVEKTO_TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const managementUrl = process.env['INVEKTO_TEST_AMQP_MANAGEMENT_URL'] ?? 'http://guest:guest@127.0.0.1:15672';
const rabbit = await realServer('RabbitMQ', url);
const management = await tcpReachable(new URL(managementUrl).hostname, Number(new URL(managementUrl).port));
if (rabbit.run && !management)
  console.warn('RabbitMQ management API not reachable: stats figures are checked as null.');

const runId = randomUUID().slice(0, 8);
const user = decodeURIComponent(new URL(url).username) || 'guest';
const topology = buildContractTopology();

const run = promisify(execFile);
async function rabbitmqctl(...args: string[]): Promise<void> {
  await run('rabbitmqctl', ['--quiet', ...args], { timeout: 30_000 });
}

/** Each suite gets a vhost of its own, deleted afterwards; nothing shared is touched. */
async function createVhost(name: string): Promise<void> {
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, user, '.*', '.*', '.*');
}

function vhostUrl(name: string, port?: number): string {
  const target = new URL(url);
  target.pathname = `/${encodeURIComponent(name)}`;
  if (port !== undefined) {
    target.hostname = '127.0.0.1';
    target.port = String(port);
  }
  return target.toString();
}

/** A port nothing listens on: bound by us a moment ago and released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function nextEvent<K extends keyof RabbitMqBrokerEvents>(
  broker: RabbitMqBroker,
  name: K,
  timeoutMs = 10_000,
): Promise<RabbitMqBrokerEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`No ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = broker.on(name, (event) => {
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; details: string | undefined }> {
  const outcome = await promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
  if (!isInvektoError(outcome)) throw new Error(`expected an InvektoError, got ${String(outcome)}`);
  return { code: outcome.code, details: outcome.details };
}

function jobMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    exchange: Exchanges.Direct,
    routingKey: 'chat-analysis',
    messageId: ulid(),
    body: Buffer.from('{"job":1}'),
    ...overrides,
  };
}

/** Collects deliveries and waits for a count of them. */
function inbox(): { received: Delivery[]; handler: (delivery: Delivery) => void; waitFor(n: number): Promise<void> } {
  const received: Delivery[] = [];
  return {
    received,
    handler: (delivery) => void received.push(delivery),
    async waitFor(count) {
      const deadline = Date.now() + 10_000;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} deliveries, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

describe.runIf(rabbit.run)('RabbitMqBroker on a real RabbitMQ', () => {
  describeBrokerContract('RabbitMQ', async () => {
    rabbit.assertReachable();
    const vhost = `invekto-test-${runId}-contract`;
    await createVhost(vhost);
    const opened: RabbitMqBroker[] = [];
    const open = async () => {
      const broker = await RabbitMqBroker.connect({
        url: vhostUrl(vhost),
        managementUrl: management ? managementUrl : undefined,
      });
      opened.push(broker);
      return broker;
    };
    return {
      broker: await open(),
      topology,
      reopen: open,
      reportsMessageAge: management,
      async close() {
        await Promise.all(opened.map((broker) => broker.close()));
        await rabbitmqctl('delete_vhost', vhost);
      },
    };
  });

  describe('adapter behaviour', () => {
    const vhost = `invekto-test-${runId}-adapter`;
    const brokers: RabbitMqBroker[] = [];
    const proxies: TcpProxy[] = [];

    async function open(options: Partial<RabbitMqBrokerOptions> = {}, port?: number): Promise<RabbitMqBroker> {
      const broker = await RabbitMqBroker.connect({ url: vhostUrl(vhost, port), ...options });
      brokers.push(broker);
      return broker;
    }

    /** A broker whose connection runs through a proxy the test controls. */
    async function openProxied(options: Partial<RabbitMqBrokerOptions> = {}) {
      const target = new URL(url);
      const proxy = await TcpProxy.start(target.hostname, Number(target.port || 5672));
      proxies.push(proxy);
      const broker = await open({ reconnectDelayMs: 50, maxReconnectDelayMs: 200, ...options }, proxy.port);
      return { broker, proxy };
    }

    beforeAll(async () => {
      rabbit.assertReachable();
      await createVhost(vhost);
      const broker = await open();
      await broker.declare(topology);
    });

    afterEach(async () => {
      for (const broker of brokers.splice(1)) await broker.close();
      for (const proxy of proxies.splice(0)) await proxy.close();
      for (const queue of topology.queues) await brokers[0]?.purge(queue.name);
    });

    afterAll(async () => {
      for (const broker of brokers.splice(0)) await broker.close();
      await rabbitmqctl('delete_vhost', vhost).catch(() => undefined);
    });

    it('fails fast with INV-BUS-006 when nothing listens, without the password in the message', async () => {
      const port = await closedPort();
      const started = Date.now();
      const error = await failure(
        RabbitMqBroker.connect({ url: `amqp://guest:s3cret@127.0.0.1:${port}/${vhost}`, connectTimeoutMs: 5_000 }),
      );
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(error.code).toBe('INV-BUS-006');
      expect(error.details).toContain(`127.0.0.1:${port}`);
      expect(error.details).not.toContain('s3cret');
    });

    it('fails with INV-BUS-006 after connectTimeoutMs when the server accepts but never answers', async () => {
      const sockets: Socket[] = [];
      const silent: Server = createServer((socket) => void sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as { port: number };
      try {
        const started = Date.now();
        const error = await failure(
          RabbitMqBroker.connect({ url: `amqp://guest:guest@127.0.0.1:${port}/`, connectTimeoutMs: 300 }),
        );
        expect(error.code).toBe('INV-BUS-006');
        expect(Date.now() - started).toBeGreaterThanOrEqual(250);
        expect(Date.now() - started).toBeLessThan(3_000);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });

    it('rejects a publish RabbitMQ has not confirmed within confirmTimeoutMs with INV-BUS-001', async () => {
      const { broker, proxy } = await openProxied({ confirmTimeoutMs: 300 });
      proxy.hold();
      const started = Date.now();
      const error = await failure(broker.publish(jobMessage()));
      expect(error.code).toBe('INV-BUS-001');
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      expect(Date.now() - started).toBeLessThan(3_000);

      proxy.release();
      await broker.publish(jobMessage());
      // The unconfirmed message may still have been stored: INV-BUS-001 means "not known to be stored".
      const [figures] = await broker.stats([Queues.ChatAnalysisJobs]);
      expect(figures?.ready).toBeGreaterThanOrEqual(1);
    });

    it('rejects a publish in flight with INV-BUS-006 when the connection drops', async () => {
      const { broker, proxy } = await openProxied({ confirmTimeoutMs: 5_000 });
      proxy.hold();
      const pending = failure(broker.publish(jobMessage()));
      const started = Date.now();
      proxy.cut();
      const error = await pending;
      expect(error.code).toBe('INV-BUS-006');
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('rejects calls while disconnected with INV-BUS-006, reconnects, and keeps feeding subscriptions', async () => {
      const { broker, proxy } = await openProxied();
      const jobs = inbox();
      await broker.consume(Queues.ChatAnalysisJobs, jobs.handler, { prefetch: 5 });
      const first = jobMessage();
      await broker.publish(first);
      await jobs.waitFor(1);

      const disconnected = nextEvent(broker, 'disconnected');
      proxy.refuseNew(true);
      proxy.cut();
      await disconnected;
      expect(broker.state).toBe('reconnecting');
      expect((await failure(broker.publish(jobMessage()))).code).toBe('INV-BUS-006');
      expect((await failure(broker.stats([Queues.ChatAnalysisJobs]))).code).toBe('INV-BUS-006');
      expect((await failure(jobs.received[0]?.ack() ?? Promise.resolve())).code).toBe('INV-BUS-006');

      const reconnected = nextEvent(broker, 'reconnected');
      proxy.refuseNew(false);
      await reconnected;
      expect(broker.state).toBe('open');

      // RabbitMQ took the unsettled delivery back when the connection dropped and hands it out again.
      await jobs.waitFor(2);
      expect(jobs.received[1]).toMatchObject({ messageId: first.messageId, redelivered: true });
      await jobs.received[1]?.ack();
      const second = jobMessage();
      await broker.publish(second);
      await jobs.waitFor(3);
      expect(jobs.received[2]).toMatchObject({ messageId: second.messageId, redelivered: false });
      await jobs.received[2]?.ack();
    });

    it('publishes past a full write buffer: every message confirmed and stored', async () => {
      const broker = await open();
      const body = Buffer.alloc(1_024, 'x');
      // amqplib buffers 1024 frames per channel before publish() returns false and drain is awaited.
      await Promise.all(Array.from({ length: 3_000 }, () => broker.publish(jobMessage({ body }))));
      const [figures] = await broker.stats([Queues.ChatAnalysisJobs]);
      expect(figures?.ready).toBe(3_000);
    });

    it('hands a delivery back to its queue when the handler throws, and says so', async () => {
      const broker = await open();
      const seen: Delivery[] = [];
      const handlerError = nextEvent(broker, 'handler-error');
      await broker.consume(
        Queues.ChatAnalysisJobs,
        (delivery) => {
          seen.push(delivery);
          if (seen.length === 1) throw new Error('handler bug');
          void delivery.ack();
        },
        { prefetch: 1 },
      );
      await broker.publish(jobMessage());
      expect(await handlerError).toMatchObject({ queue: Queues.ChatAnalysisJobs });
      const deadline = Date.now() + 10_000;
      while (seen.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen.map((delivery) => delivery.redelivered)).toEqual([false, true]);
    });

    it('republishes x-death in RabbitMQ`s own types: count a long, time a timestamp in seconds', async () => {
      const broker = await open();
      const jobs = inbox();
      const dlq = inbox();
      await broker.consume(Queues.ChatAnalysisJobs, jobs.handler, { prefetch: 5 });
      await broker.consume(Queues.DeadLetter, dlq.handler, { prefetch: 5 });
      await broker.publish(jobMessage());
      await jobs.waitFor(1);
      await jobs.received[0]?.reject({ requeue: false });
      await dlq.waitFor(1);
      const dead = dlq.received[0];
      await dead?.ack();
      const [death] = dead?.headers['x-death'] as { time: number }[];

      // A DLQ replay: the same message, headers and all, published where a plain AMQP client reads it.
      const raw = await connect(vhostUrl(vhost));
      try {
        const channel = await raw.createChannel();
        const { queue } = await channel.assertQueue('', { exclusive: true });
        await channel.bindQueue(queue, Exchanges.Direct, 'contract-replay');
        const replay = jobMessage({ routingKey: 'contract-replay', headers: dead?.headers ?? {} });
        await broker.publish(replay);
        const message = await channel.get(queue, { noAck: true });
        if (message === false) throw new Error('the replay did not arrive');
        expect(message.properties.headers?.['x-death']).toEqual([
          expect.objectContaining({
            count: 1,
            queue: Queues.ChatAnalysisJobs,
            reason: 'rejected',
            time: { '!': 'timestamp', value: (death?.time ?? 0) / 1_000 },
          }),
        ]);
      } finally {
        await raw.close();
      }

      // Back on its job queue and rejected again, RabbitMQ counts on from the entry it finds.
      await broker.publish(jobMessage({ messageId: dead?.messageId ?? '', headers: dead?.headers ?? {} }));
      await jobs.waitFor(2);
      await jobs.received[1]?.reject({ requeue: false });
      await dlq.waitFor(2);
      expect(dlq.received[1]?.headers['x-death']).toEqual([
        expect.objectContaining({ queue: Queues.ChatAnalysisJobs, reason: 'rejected', count: 2 }),
      ]);
      await dlq.received[1]?.ack();
    });

    it('reports null management figures, and a management-error event, when the management API is down', async () => {
      const broker = await open({ managementUrl: `http://guest:guest@127.0.0.1:${await closedPort()}` });
      await broker.publish(jobMessage());
      const managementError = nextEvent(broker, 'management-error');
      const [figures] = await broker.stats([Queues.ChatAnalysisJobs]);
      expect(figures).toEqual({
        queue: Queues.ChatAnalysisJobs,
        ready: 1,
        consumers: 0,
        unacked: null,
        oldestMessageAgeMs: null,
        publishRatePerSec: null,
        deliverRatePerSec: null,
      });
      await managementError;
    });

    it.runIf(management)('reads unacked, oldest age and rates from the management API', async () => {
      const broker = await open({ managementUrl });
      await broker.publish(jobMessage({ timestamp: Date.now() - 30_000 }));
      await broker.publish(jobMessage());
      const jobs = inbox();
      await broker.consume(Queues.ChatAnalysisJobs, jobs.handler, { prefetch: 1 });
      await jobs.waitFor(1);
      // The management API samples every 5 s; wait for a sample that has seen both messages.
      const deadline = Date.now() + 15_000;
      let figures = (await broker.stats([Queues.ChatAnalysisJobs]))[0];
      while ((figures?.unacked !== 1 || figures.oldestMessageAgeMs === null) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        figures = (await broker.stats([Queues.ChatAnalysisJobs]))[0];
      }
      expect(figures).toMatchObject({ ready: 1, unacked: 1, consumers: 1 });
      expect(figures?.oldestMessageAgeMs).toBeGreaterThanOrEqual(0);
      expect(typeof figures?.publishRatePerSec).toBe('number');
      expect(typeof figures?.deliverRatePerSec).toBe('number');
      await jobs.received[0]?.ack();
    });

    it('reports a missing queue as INV-NET-005 and rejects a prefetch outside 1..65535', async () => {
      const broker = await open();
      expect((await failure(broker.purge('invekto.no-such-queue'))).code).toBe('INV-NET-005');
      expect((await failure(broker.consume('invekto.no-such-queue', () => undefined, { prefetch: 1 }))).code).toBe(
        'INV-NET-005',
      );
      await expect(broker.consume(Queues.ChatAnalysisJobs, () => undefined, { prefetch: 0 })).rejects.toThrow(
        RangeError,
      );
      await broker.ping();
    });
  });
});
