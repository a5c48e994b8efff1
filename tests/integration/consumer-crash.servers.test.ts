import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { topologyFromConfig } from '@invekto/cli';
import { JobStatus, Queues } from '@invekto/contracts';
import { loadConfig } from '@invekto/platform/config';
import { JobStatusStore, newJobId } from '@invekto/platform/jobs';
import { RabbitMqBroker } from '@invekto/platform/messaging';
import { KeyNamespace, RedisKeyValueStore } from '@invekto/platform/store';
import { TEST_REDIS_URL } from '@invekto/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_LADDER, until } from './async-system.js';
import { publishChatJob } from './publish-chat-job.js';
import { serversRun, useServerStack } from './server-stack.js';

/*
 * A consumer process killed with SIGKILL in the middle of a backlog: its unacknowledged messages go back
 * to the queue, a second consumer takes them, and every job ends done once. Runs the built CLI.
 */

const CLI_BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));
const JOBS = 300;

describe.runIf(serversRun)('a consumer killed mid-backlog', () => {
  const stack = useServerStack('crash');
  let broker: RabbitMqBroker;
  let keyValue: RedisKeyValueStore;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    broker = await RabbitMqBroker.connect({ url: stack.vhost().url });
    keyValue = new RedisKeyValueStore({ url: TEST_REDIS_URL });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await broker?.close();
    await keyValue?.close();
  });

  function startConsumer(): ChildProcess {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('INVEKTO_')) env[name] = value;
    const child = spawn(process.execPath, [CLI_BIN, 'run', 'chat-analysis-consumer'], {
      env: {
        ...env,
        ...stack.env(),
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
    const statuses = new JobStatusStore({ store: keyValue, keys: new KeyNamespace(stack.keyPrefix) });
    const messages = Array.from({ length: 40 }, (_, i) => ({
      role: i % 2 === 0 ? ('customer' as const) : ('agent' as const),
      text: `Mesaj ${i}: 12345678 numaralı siparişim nerede, kargo ne zaman gelir? Çok bekledim.`,
    }));
    const jobIds: string[] = [];
    for (let n = 0; n < JOBS; n += 1) {
      const jobId = newJobId();
      await statuses.put({ jobId, tenantId: 'acme', status: JobStatus.Queued });
      jobIds.push(await publishChatJob(broker, 'acme', messages, jobId));
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
    expect(await countDone()).toBeLessThan(JOBS);

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
