import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Exchanges, Queues, RetryLadder, RoutingKeys } from '@invekto/contracts';
import { connect, type ChannelModel, type ConfirmChannel, type GetMessage } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServer } from '../../__fixtures__/real-servers.js';
import { declareTopology, isTopologyConflictError } from './declare-topology.js';
import { renderDefinitions, toDefinitions } from './definitions-export.js';
import { buildTopology, retryRoutingKey } from './topology.js';

const url = process.env['INVEKTO_TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const rabbit = await realServer('RabbitMQ', url);

const runId = randomUUID().slice(0, 8);
/** Each run declares into vhosts of its own, deleted afterwards; nothing shared is touched. */
const vhost = `invekto-test-${runId}`;
const importVhost = `invekto-test-${runId}-import`;
const user = decodeURIComponent(new URL(url).username) || 'guest';

/** The ladder scaled down 10x: the 2 s rung waits 200 ms. */
const FAST_LADDER = RetryLadder.map((rung) => ({ queue: rung.queue, delayMs: rung.delayMs / 10 }));
const topology = buildTopology({ retryLadder: FAST_LADDER });

const run = promisify(execFile);
async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run('rabbitmqctl', ['--quiet', ...args], { timeout: 20_000 });
  return stdout;
}

/**
 * Feeds definitions to `rabbitmqctl import_definitions` on stdin (Debian's wrapper runs the CLI as the
 * rabbitmq user, who may not read our temp files), then waits for the import, which runs asynchronously.
 */
async function importDefinitions(json: string, vhostName: string, bindingCount: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = execFile('rabbitmqctl', ['--quiet', 'import_definitions'], { timeout: 20_000 }, (error) =>
      error ? reject(error) : resolve(),
    );
    child.stdin?.end(json);
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const listed = await rabbitmqctl('list_bindings', '-p', vhostName, 'source_name', '--no-table-headers');
    const fromExchanges = listed.split('\n').filter((line) => line.trim().length > 0).length;
    if (fromExchanges >= bindingCount) return;
    if (Date.now() > deadline) throw new Error(`Import into ${vhostName} did not finish within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function createVhost(name: string): Promise<void> {
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, user, '.*', '.*', '.*');
}

function vhostUrl(name: string): string {
  const target = new URL(url);
  target.pathname = `/${encodeURIComponent(name)}`;
  return target.toString();
}

/** Polls `queue` until a message arrives or `timeoutMs` passes. */
async function getOne(channel: ConfirmChannel, queue: string, timeoutMs = 3_000): Promise<GetMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await channel.get(queue, { noAck: false });
    if (message !== false) return message;
    if (Date.now() > deadline) throw new Error(`No message arrived on ${queue} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function publish(channel: ConfirmChannel, exchange: string, routingKey: string, body: string, headers = {}) {
  channel.publish(exchange, routingKey, Buffer.from(body), {
    persistent: true,
    contentType: 'application/json',
    messageId: `msg-${randomUUID()}`,
    headers,
  });
  await channel.waitForConfirms();
}

describe.runIf(rabbit.run)('RabbitMQ topology on a real RabbitMQ', () => {
  let connection: ChannelModel | undefined;
  let channel: ConfirmChannel;

  beforeAll(async () => {
    rabbit.assertReachable();
    await createVhost(vhost);
    connection = await connect(vhostUrl(vhost));
    channel = await connection.createConfirmChannel();
    await declareTopology(channel, topology);
  });

  afterAll(async () => {
    await connection?.close().catch(() => undefined);
    await rabbitmqctl('delete_vhost', vhost).catch(() => undefined);
    await rabbitmqctl('delete_vhost', importVhost).catch(() => undefined);
  });

  it('declares the same topology again without change', async () => {
    await declareTopology(channel, topology);
    await declareTopology(channel, topology);
    for (const queue of topology.queues) {
      await expect(channel.checkQueue(queue.name)).resolves.toMatchObject({ messageCount: 0 });
    }
  });

  it('routes invekto.direct / chat-analysis to the job queue', async () => {
    await publish(channel, Exchanges.Direct, RoutingKeys.ChatAnalysis, '{"job":1}');
    const message = await getOne(channel, Queues.ChatAnalysisJobs);
    expect(message.content.toString()).toBe('{"job":1}');
    expect(message.fields.routingKey).toBe('chat-analysis');
    channel.ack(message);
  });

  it('brings a message parked on the 2s rung back to its job queue after the TTL, body and headers intact', async () => {
    const [rung] = topology.retryRungs;
    if (!rung) throw new Error('the ladder has no rungs');
    const headers = { 'x-invekto-attempt': 2, 'x-correlation-id': 'corr-42', 'x-tenant-id': 'tenant-7' };
    const sentAt = Date.now();
    await publish(channel, Exchanges.Retry, retryRoutingKey(rung, RoutingKeys.ChatAnalysis), '{"job":2}', headers);

    expect((await channel.checkQueue(rung.queue)).messageCount).toBe(1);
    expect((await channel.checkQueue(Queues.ChatAnalysisJobs)).messageCount).toBe(0);

    const message = await getOne(channel, Queues.ChatAnalysisJobs);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(rung.delayMs - 20);
    expect(message.content.toString()).toBe('{"job":2}');
    expect(message.properties.contentType).toBe('application/json');
    expect(message.properties.deliveryMode).toBe(2);
    expect(message.properties.headers).toMatchObject(headers);
    expect(message.properties.headers?.['x-death']).toEqual([
      expect.objectContaining({
        queue: 'invekto.retry.2s',
        reason: 'expired',
        exchange: 'invekto.retry',
        'routing-keys': ['2s.chat-analysis'],
      }),
    ]);
    expect((await channel.checkQueue(rung.queue)).messageCount).toBe(0);
    channel.ack(message);
  });

  it('sends a job rejected without requeue to invekto.dlq', async () => {
    await publish(channel, Exchanges.Direct, RoutingKeys.ChatAnalysis, '{"job":3}', { 'x-tenant-id': 'tenant-7' });
    const job = await getOne(channel, Queues.ChatAnalysisJobs);
    channel.nack(job, false, false);

    const dead = await getOne(channel, Queues.DeadLetter);
    expect(dead.content.toString()).toBe('{"job":3}');
    expect(dead.fields.exchange).toBe('invekto.dlx');
    expect(dead.fields.routingKey).toBe('chat-analysis');
    expect(dead.properties.headers).toMatchObject({ 'x-tenant-id': 'tenant-7' });
    expect(dead.properties.headers?.['x-death']).toEqual([
      expect.objectContaining({ queue: 'invekto.jobs.chat-analysis', reason: 'rejected' }),
    ]);
    channel.ack(dead);
  });

  it('refuses a re-declaration with other arguments with an error naming the queue', async () => {
    if (!connection) throw new Error('no connection');
    const other = await connection.createChannel();
    other.on('error', () => undefined);
    const changed = buildTopology({ retryLadder: FAST_LADDER.map((r, i) => (i === 0 ? { ...r, delayMs: 300 } : r)) });

    const failure = await declareTopology(other, changed).catch((error: unknown) => error);
    expect(isTopologyConflictError(failure)).toBe(true);
    expect(failure).toMatchObject({ kind: 'queue', entity: 'invekto.retry.2s' });
    expect((failure as Error).message).toMatch(/queue "invekto\.retry\.2s".*PRECONDITION_FAILED/s);
    expect((await channel.checkQueue('invekto.retry.2s')).messageCount).toBe(0);
  });

  it('imports the exported definitions with rabbitmqctl, equivalent to declaring the topology', async () => {
    const defaults = buildTopology();
    await createVhost(importVhost);
    await importDefinitions(
      renderDefinitions(toDefinitions(defaults, { vhost: importVhost })),
      importVhost,
      defaults.bindings.length,
    );
    const imported = await connect(vhostUrl(importVhost));
    try {
      const importedChannel = await imported.createConfirmChannel();
      await declareTopology(importedChannel, defaults);
      await publish(importedChannel, Exchanges.Retry, '10m.chat-analysis', '{"job":4}');
      expect((await importedChannel.checkQueue('invekto.retry.10m')).messageCount).toBe(1);
    } finally {
      await imported.close();
    }
  });
});
