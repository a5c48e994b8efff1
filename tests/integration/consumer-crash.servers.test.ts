import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { topologyFromConfig } from '@invekto/cli';
import { CHAT_ANALYSIS_JOB_SCHEMA_VERSION, Exchanges, JobStatus, Queues, RoutingKeys } from '@invekto/contracts';
import { loadConfig } from '@invekto/platform/config';
import { JobStatusStore, newJobId, newMessageId } from '@invekto/platform/jobs';
import { RabbitMqBroker } from '@invekto/platform/messaging';
import { KeyNamespace, RedisKeyValueStore } from '@invekto/platform/store';
import {
  createTestVhost,
  deleteKeysWithPrefix,
  realServer,
  TEST_AMQP_URL,
  TEST_PG_URL,
  TEST_REDIS_URL,
  testKeyPrefix,
  useTestDatabase,
  type TestVhost,
} from '@invekto/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_LADDER, until } from './async-system.js';

/*
 * A consumer process killed with SIGKILL in the middle of a backlog: its unacknowledged messages go back
 * to the queue, a second consumer takes them, and every job ends done once. Runs the built CLI.
 */

const CLI_BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));
const JOBS = 300;
const servers = [
  await realServer('PostgreSQL', TEST_PG_URL),
  await realServer('Redis', TEST_REDIS_URL),
  await realServer('RabbitMQ', TEST_AMQP_URL),
];

describe.runIf(servers.every((server) => server.run))('a consumer killed mid-backlog', () => {
  const database = useTestDatabase(servers[0]!, 'invekto_crash');
  const keyPrefix = testKeyPrefix();
  let vhost: TestVhost;
  let broker: RabbitMqBroker;
  let keyValue: RedisKeyValueStore;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    for (const server of servers) server.assertReachable();
    vhost = await createTestVhost('crash');
    broker = await RabbitMqBroker.connect({ url: vhost.url });
    keyValue = new RedisKeyValueStore({ url: TEST_REDIS_URL });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await broker?.close();
    await keyValue?.close();
    await vhost?.remove();
    await deleteKeysWithPrefix(TEST_REDIS_URL, keyPrefix);
  });

  function startConsumer(): ChildProcess {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('INVEKTO_')) env[name] = value;
    const child = spawn(process.execPath, [CLI_BIN, 'run', 'chat-analysis-consumer'], {
      env: {
        ...env,
        INVEKTO_SQL_URL: database.url(),
        INVEKTO_REDIS_URL: TEST_REDIS_URL,
        INVEKTO_AMQP_URL: vhost.url,
        INVEKTO_KEY_PREFIX: keyPrefix,
        INVEKTO_RETRY_DELAYS_MS: FAST_LADDER,
        INVEKTO_JOB_CLAIM_TTL_MS: '1000',
        INVEKTO_LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  }

  it('has its unfinished jobs redelivered and completed exactly once by another consumer', async () => {
    await broker.declare(topologyFromConfig(loadConfig({ INVEKTO_RETRY_DELAYS_MS: FAST_LADDER })));
    const statuses = new JobStatusStore({ store: keyValue, keys: new KeyNamespace(keyPrefix) });
    const jobIds: string[] = [];
    for (let n = 0; n < JOBS; n += 1) {
      const jobId = newJobId();
      const messageId = newMessageId();
      jobIds.push(jobId);
      await statuses.put({ jobId, tenantId: 'acme', status: JobStatus.Queued });
      const messages = Array.from({ length: 40 }, (_, i) => ({
        role: i % 2 === 0 ? 'customer' : 'agent',
        text: `Mesaj ${i}: 12345678 numaralı siparişim nerede, kargo ne zaman gelir? Çok bekledim.`,
      }));
      await broker.publish({
        exchange: Exchanges.Direct,
        routingKey: RoutingKeys.ChatAnalysis,
        messageId,
        body: Buffer.from(
          JSON.stringify({
            jobId,
            tenantId: 'acme',
            submittedAt: new Date().toISOString(),
            request: { chat: { messages } },
          }),
        ),
        headers: {
          'x-message-id': messageId,
          'x-schema-version': CHAT_ANALYSIS_JOB_SCHEMA_VERSION,
          'x-tenant-id': 'acme',
        },
      });
    }
    const countDone = async () => {
      let done = 0;
      for (const jobId of jobIds) if ((await statuses.get('acme', jobId))?.status === JobStatus.Done) done += 1;
      return done;
    };

    const first = startConsumer();
    await until(
      'the first consumer to finish some jobs',
      async () => ((await countDone()) >= 30 ? true : undefined),
      30_000,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const doneAtKill = await countDone();
    expect(doneAtKill).toBeLessThan(JOBS);

    startConsumer();
    await until('every job done', async () => ((await countDone()) === JOBS ? true : undefined), 60_000);
    const [queue, dlq] = await broker.stats([Queues.ChatAnalysisJobs, Queues.DeadLetter]);
    expect(queue?.ready).toBe(0);
    expect(dlq?.ready).toBe(0);
    for (const jobId of jobIds) {
      const record = await statuses.get('acme', jobId);
      expect(record?.status).toBe(JobStatus.Done);
      expect(record?.result).toBeDefined();
    }
  }, 120_000);
});
