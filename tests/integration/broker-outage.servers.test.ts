import { JobStatus } from '@invekto/contracts';
import { startTcpProxy, TEST_AMQP_URL, type TcpProxy } from '@invekto/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startAsyncSystem, until, type AsyncSystem } from './async-system.js';
import { serversRun, useServerStack } from './server-stack.js';

/*
 * RabbitMQ cut off (through a TCP proxy, never by stopping the shared server) while jobs keep coming:
 * the backend still accepts them, the outbox holds them, and everything drains once the broker is back.
 */

const JOBS = 25;
describe.runIf(serversRun)('the broker unreachable for a while', () => {
  const stack = useServerStack('outage');
  let proxy: TcpProxy;
  let system: AsyncSystem;

  beforeAll(async () => {
    const target = new URL(TEST_AMQP_URL);
    proxy = await startTcpProxy({ targetHost: target.hostname, targetPort: Number(target.port || 5672) });
    const throughProxy = new URL(stack.vhost().url);
    throughProxy.hostname = proxy.host;
    throughProxy.port = String(proxy.port);
    system = await startAsyncSystem({ ...stack.env(), INVEKTO_AMQP_URL: throughProxy.toString() });
  });

  afterAll(async () => {
    await system?.close();
    await proxy?.close();
  });

  it('keeps accepting jobs into the outbox and drains them all once it is back', async () => {
    proxy.cut();
    const accepted: string[] = [];
    for (let n = 0; n < JOBS; n += 1) {
      const { status, body } = await postJson(`${system.backendUrl}/api/v1/chats/analyze/async`, {
        chat: { messages: [{ role: 'customer', text: `Kesinti sırasında ${n}. sipariş: kargom nerede?` }] },
      });
      expect(status).toBe(202);
      accepted.push(body.data.jobId);
    }
    const direct = await postJson(
      `${system.chatAnalysisUrl}/api/v1/chat-analysis/analyze/async`,
      { chat: { messages: [{ role: 'customer', text: 'merhaba' }] } },
      { 'x-tenant-id': 'acme' },
    );
    expect([direct.status, direct.body.error.category]).toEqual([503, 'TRANSIENT']);

    const { rows } = await system.stores.sql.query<{ pending: number }>(
      'SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL',
    );
    expect(rows[0]?.pending).toBe(JOBS);

    proxy.restore();
    const outcomes = await until(
      'every accepted job to end',
      async () => {
        const statuses = await Promise.all(
          accepted.map(async (jobId) => (await getJson(`${system.backendUrl}/api/v1/jobs/${jobId}`)).body.data.status),
        );
        const ended = statuses.filter((status) => status === JobStatus.Done || status === JobStatus.DeadLettered);
        return ended.length === JOBS ? statuses : undefined;
      },
      60_000,
    );
    const done = outcomes.filter((status) => status === JobStatus.Done).length;
    const deadLettered = outcomes.filter((status) => status === JobStatus.DeadLettered).length;
    expect(done + deadLettered).toBe(accepted.length);
    expect(done).toBe(JOBS);
  }, 90_000);
});
