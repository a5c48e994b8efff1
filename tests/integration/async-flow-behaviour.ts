import { JobStatus, Queues } from '@invekto/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startAsyncSystem, until, type AsyncSystem } from './async-system.js';
import { publishChatJob } from './publish-chat-job.js';

const chat = (text: string) => ({ chat: { messages: [{ role: 'customer', text }] } });

/**
 * Submit -> outbox -> dispatcher -> queue -> consumer -> analysis -> signed callback -> backend, on the
 * stores `env()` names. Shared by the embedded stack and the PostgreSQL + Redis + RabbitMQ stack.
 */
export function describeAsyncFlow(name: string, env: () => Record<string, string>): void {
  describe(`async chat analysis end to end on ${name}`, () => {
    let system: AsyncSystem;

    beforeAll(async () => {
      system = await startAsyncSystem(env());
    });
    afterAll(() => system?.close());

    async function backendJob(jobId: string) {
      return (await getJson(`${system.backendUrl}/api/v1/jobs/${jobId}`)).body.data;
    }

    it('takes a chat submitted to the backend to done, with the result stored at the backend', async () => {
      const submitted = await postJson(
        `${system.backendUrl}/api/v1/chats/analyze/async`,
        chat('Merhaba, 98765432 numaralı siparişim hâlâ gelmedi, iade istiyorum.'),
      );
      expect(submitted.status).toBe(202);
      const { jobId } = submitted.body.data;
      const done = await until('the job to be done', async () => {
        const job = await backendJob(jobId);
        return job.status === JobStatus.Done ? job : undefined;
      });
      expect(done.result.entities).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'order_number', text: '98765432' })]),
      );
      // The status above may come from the consumer's live record; the callback lands in the table after it.
      const stored = await until('the callback to be stored', async () => {
        const { rows } = await system.stores.sql.query<{ status: string; has_result: boolean }>(
          'SELECT status, result IS NOT NULL AS has_result FROM jobs WHERE job_id = $1',
          [jobId],
        );
        return rows[0]?.status === 'done' ? rows : undefined;
      });
      expect(stored).toEqual([{ status: 'done', has_result: true }]);
    });

    it('takes a burst of jobs to done, each once, and leaves no backlog', async () => {
      const jobIds: string[] = [];
      for (let n = 0; n < 40; n += 1) {
        const { body } = await postJson(
          `${system.backendUrl}/api/v1/chats/analyze/async`,
          chat(`Sipariş ${n}: kargom nerede?`),
        );
        jobIds.push(body.data.jobId);
      }
      await until('every job done', async () => {
        const { rows } = await system.stores.sql.query<{ done: number }>(
          `SELECT count(*)::int AS done FROM jobs WHERE status = 'done' AND job_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
          [JSON.stringify(jobIds)],
        );
        return rows[0]?.done === jobIds.length ? true : undefined;
      });
      const [queue, dlq] = await system.stores.broker.stats([Queues.ChatAnalysisJobs, Queues.DeadLetter]);
      expect(queue?.ready).toBe(0);
      expect(dlq?.ready).toBe(0);
      const { rows } = await system.stores.sql.query<{ pending: number }>(
        'SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL',
      );
      expect(rows[0]?.pending).toBe(0);
    });

    it('serves the service path without SQL: submit to the service, read the status by tenant', async () => {
      const submitted = await postJson(
        `${system.chatAnalysisUrl}/api/v1/chat-analysis/analyze/async`,
        chat('Hello, I was charged twice for order 55512345, please refund.'),
        { 'x-tenant-id': 'acme' },
      );
      expect(submitted.status).toBe(202);
      const { jobId } = submitted.body.data;
      const done = await until('the job to be done', async () => {
        const { body } = await getJson(`${system.chatAnalysisUrl}/api/v1/chat-analysis/jobs/${jobId}`, {
          'x-tenant-id': 'acme',
        });
        return body.data?.status === JobStatus.Done ? body.data : undefined;
      });
      expect(done.result.language).toBe('en');
      const foreign = await getJson(`${system.chatAnalysisUrl}/api/v1/chat-analysis/jobs/${jobId}`, {
        'x-tenant-id': 'other',
      });
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'INV-DATA-002']);
    });

    it('parks a job that can never succeed in the DLQ with a reason, and says so in its status', async () => {
      const tooMany = Array.from({ length: 501 }, (_, n) => ({ role: 'customer' as const, text: `mesaj ${n}` }));
      const jobId = await publishChatJob(system.stores.broker, 'acme', tooMany);
      const parked = await until('the dead-lettered status', async () => {
        const { body } = await getJson(`${system.chatAnalysisUrl}/api/v1/chat-analysis/jobs/${jobId}`, {
          'x-tenant-id': 'acme',
        });
        return body.data?.status === JobStatus.DeadLettered ? body.data : undefined;
      });
      expect(parked.error.code).toBe('CHA-VAL-003');
      const [dlq] = await system.stores.broker.stats([Queues.DeadLetter]);
      expect(dlq?.ready).toBeGreaterThanOrEqual(1);
      await system.stores.broker.purge(Queues.DeadLetter);
    });
  });
}
