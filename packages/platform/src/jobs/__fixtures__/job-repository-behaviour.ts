import { JobStatus } from '@invekto/contracts';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeOutbox } from '../../outbox/outbox-writer.js';
import { sqlStateOf, type SqlStore } from '../../store/sql/sql-store.js';
import { newJobId, newMessageId } from '../job-ids.js';
import { JobRepository, type NewJob } from '../job-repository.js';

const TENANT = 'tenant-a';
const OTHER_TENANT = 'tenant-b';
const RESULT = { language: 'tr', summary: { text: 'Sipariş gecikti ☕', keyPoints: [] } };
const ERROR = {
  code: 'INV-NET-004',
  category: 'TRANSIENT',
  message: 'A dependency answered with a transient failure.',
};

export function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    jobId: newJobId(),
    tenantId: TENANT,
    kind: 'chat-analysis',
    payload: { chat: { messages: [{ role: 'customer', text: 'Siparişim nerede?' }] } },
    ...overrides,
  };
}

/**
 * What `JobRepository` does on any {@link SqlStore}. `createStore` hands out a migrated store the suite
 * may share; the suite empties `jobs` and `outbox` before each test, so it must not run concurrently with
 * other users of those tables.
 */
export function describeJobRepositoryBehaviour(name: string, createStore: () => Promise<SqlStore>): void {
  describe(`JobRepository on ${name}`, () => {
    let store: SqlStore;
    let jobs: JobRepository;

    beforeAll(async () => {
      store = await createStore();
      jobs = new JobRepository(store);
    });

    beforeEach(async () => {
      await store.query('DELETE FROM outbox; DELETE FROM jobs');
    });

    it('creates a job inside the caller transaction, committed with its outbox row', async () => {
      const job = newJob({ messageId: newMessageId() });
      const created = await store.transaction(async (tx) => {
        const record = await jobs.create(tx, job);
        await writeOutbox(tx, {
          messageId: job.messageId as string,
          destination: 'invekto.direct',
          routingKey: 'chat-analysis',
          headers: {},
          payload: { jobId: job.jobId },
        });
        return record;
      });
      expect(created).toMatchObject({
        jobId: job.jobId,
        tenantId: TENANT,
        kind: 'chat-analysis',
        status: JobStatus.Accepted,
        payload: job.payload,
        result: undefined,
        error: undefined,
        attempts: 0,
        messageId: job.messageId,
        finishedAt: undefined,
      });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(await jobs.get(TENANT, job.jobId)).toEqual(created);
      const { rows } = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE message_id = $1', [
        job.messageId,
      ]);
      expect(rows[0]?.n).toBe(1);
    });

    it('rolls the job back with the transaction it was written in', async () => {
      const job = newJob();
      const failure = new Error('outbox write failed');
      await expect(
        store.transaction(async (tx) => {
          await jobs.create(tx, job);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await jobs.get(TENANT, job.jobId)).toBeUndefined();
    });

    it('stamps createdAt from the given time and keeps JSON payloads of every shape', async () => {
      const createdAt = new Date('2026-01-29T10:00:00.123Z');
      for (const payload of [['a', 1, null], 'text', 42, { nested: { list: [true] } }]) {
        const record = await store.transaction((tx) => jobs.create(tx, newJob({ payload, createdAt })));
        expect(record.payload).toEqual(payload);
        expect(record.createdAt.toISOString()).toBe(createdAt.toISOString());
        expect(record.updatedAt.toISOString()).toBe(createdAt.toISOString());
      }
    });

    it('refuses a job id taken already with the unique violation', async () => {
      const job = newJob();
      await store.transaction((tx) => jobs.create(tx, job));
      const error = await store.transaction((tx) => jobs.create(tx, job)).catch((caught: unknown) => caught);
      expect(sqlStateOf(error)).toBe('23505');
    });

    it('refuses bad fields before any SQL runs', async () => {
      const cases: [Partial<NewJob>, RegExp][] = [
        [{ jobId: 'job-1' }, /jobId must be a ULID/],
        [{ tenantId: '' }, /tenantId/],
        [{ tenantId: 'x'.repeat(129) }, /tenantId/],
        [{ kind: '' }, /kind/],
        [{ status: JobStatus.Done }, /non-terminal/],
        [{ status: 'lost' as JobStatus }, /non-terminal/],
        [{ payload: undefined }, /payload/],
        [{ payload: { text: 'a\u0000b' } }, /NUL/],
        [{ createdAt: new Date(Number.NaN) }, /createdAt/],
      ];
      const statements: string[] = [];
      const spy = { query: async (sql: string) => (statements.push(sql), { rows: [], rowCount: 0 }) };
      for (const [overrides, message] of cases) {
        await expect(jobs.create(spy as never, newJob(overrides))).rejects.toThrow(message);
      }
      expect(statements).toEqual([]);
    });

    it('never shows a job to another tenant, nor for an id that is not a ULID', async () => {
      const job = newJob();
      await store.transaction((tx) => jobs.create(tx, job));
      expect(await jobs.get(OTHER_TENANT, job.jobId)).toBeUndefined();
      expect(await jobs.get(TENANT, 'not-a-ulid')).toBeUndefined();
      expect(await jobs.get(TENANT, job.jobId.toLowerCase())).toBeUndefined();
      expect(await jobs.listRecent(OTHER_TENANT, 10)).toEqual([]);
      expect(await jobs.recordOutcome(OTHER_TENANT, job.jobId, { status: 'done', result: RESULT })).toEqual({
        outcome: 'not-found',
      });
      expect((await jobs.get(TENANT, job.jobId))?.status).toBe(JobStatus.Accepted);
    });

    it("lists a tenant's newest jobs first, up to the limit, without payloads or results", async () => {
      const base = Date.parse('2026-01-29T10:00:00Z');
      const created: string[] = [];
      for (let n = 0; n < 5; n += 1) {
        const job = newJob({ createdAt: new Date(base + n * 1_000) });
        created.push(job.jobId);
        await store.transaction((tx) => jobs.create(tx, job));
      }
      await store.transaction((tx) => jobs.create(tx, newJob({ tenantId: OTHER_TENANT })));
      await jobs.recordOutcome(TENANT, created[4] as string, { status: 'done', result: RESULT, attempts: 1 });

      const recent = await jobs.listRecent(TENANT, 3);
      expect(recent.map((job) => job.jobId)).toEqual([created[4], created[3], created[2]]);
      expect(recent[0]).toMatchObject({ status: JobStatus.Done, attempts: 1, tenantId: TENANT });
      for (const job of recent) {
        expect(job).not.toHaveProperty('payload');
        expect(job).not.toHaveProperty('result');
      }
      expect(await jobs.listRecent(TENANT, 100)).toHaveLength(5);
    });

    it('refuses a list limit outside 1 to 100', async () => {
      for (const limit of [0, 101, 1.5, Number.NaN]) {
        await expect(jobs.listRecent(TENANT, limit)).rejects.toThrow(RangeError);
      }
    });

    it('records a result once, and reports a replayed or late outcome without changing anything', async () => {
      const job = newJob();
      await store.transaction((tx) => jobs.create(tx, job));
      const finishedAt = new Date('2026-01-29T10:05:00Z');

      const first = await jobs.recordOutcome(TENANT, job.jobId, {
        status: 'done',
        result: RESULT,
        attempts: 2,
        finishedAt,
      });
      expect(first.outcome).toBe('recorded');
      if (first.outcome !== 'recorded') return;
      expect(first.job).toMatchObject({ status: JobStatus.Done, result: RESULT, error: undefined, attempts: 2 });
      expect(first.job.finishedAt?.toISOString()).toBe(finishedAt.toISOString());

      const replay = await jobs.recordOutcome(TENANT, job.jobId, { status: 'done', result: RESULT, attempts: 2 });
      const late = await jobs.recordOutcome(TENANT, job.jobId, { status: 'dead-lettered', error: ERROR, attempts: 6 });
      expect(replay).toEqual({ outcome: 'already-finished', job: first.job });
      expect(late).toEqual({ outcome: 'already-finished', job: first.job });
      expect(await jobs.get(TENANT, job.jobId)).toEqual(first.job);
    });

    it('records failures with their error and never lowers attempts', async () => {
      const job = newJob();
      await store.transaction((tx) => jobs.create(tx, job));
      await store.query('UPDATE jobs SET attempts = 4 WHERE job_id = $1', [job.jobId]);
      const recorded = await jobs.recordOutcome(TENANT, job.jobId, {
        status: 'dead-lettered',
        error: ERROR,
        attempts: 1,
      });
      expect(recorded).toMatchObject({
        outcome: 'recorded',
        job: { status: JobStatus.DeadLettered, error: ERROR, result: undefined, attempts: 4 },
      });
    });

    it('lets exactly one of many concurrent outcomes through', async () => {
      const job = newJob();
      await store.transaction((tx) => jobs.create(tx, job));
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, n) =>
          n % 2 === 0
            ? jobs.recordOutcome(TENANT, job.jobId, { status: 'done', result: { n }, attempts: n })
            : jobs.recordOutcome(TENANT, job.jobId, { status: 'failed', error: { n }, attempts: n }),
        ),
      );
      const recorded = outcomes.filter((outcome) => outcome.outcome === 'recorded');
      expect(recorded).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.outcome === 'already-finished')).toHaveLength(11);
      const stored = await jobs.get(TENANT, job.jobId);
      expect(recorded[0]).toEqual({ outcome: 'recorded', job: stored });
    });

    it('reports not-found for an unknown job and refuses an outcome it cannot store', async () => {
      expect(await jobs.recordOutcome(TENANT, newJobId(), { status: 'done', result: RESULT })).toEqual({
        outcome: 'not-found',
      });
      const job = newJob();
      await store.transaction((tx) => jobs.create(tx, job));
      await expect(jobs.recordOutcome(TENANT, job.jobId, { status: 'done', result: undefined })).rejects.toThrow(
        /result/,
      );
      await expect(
        jobs.recordOutcome(TENANT, job.jobId, { status: 'failed', error: { message: '\u0000' } }),
      ).rejects.toThrow(/NUL/);
      await expect(
        jobs.recordOutcome(TENANT, job.jobId, { status: 'processing' as 'done', result: RESULT }),
      ).rejects.toThrow(/done, failed or dead-lettered/);
      await expect(
        jobs.recordOutcome(TENANT, job.jobId, { status: 'done', result: RESULT, attempts: -1 }),
      ).rejects.toThrow(/attempts/);
      expect((await jobs.get(TENANT, job.jobId))?.status).toBe(JobStatus.Accepted);
    });

    it('keeps the jobs table to the statuses of JobStatus (0004)', async () => {
      const error = await store
        .query('INSERT INTO jobs (job_id, tenant_id, kind, status, payload) VALUES ($1, $2, $3, $4, $5)', [
          newJobId(),
          TENANT,
          'chat-analysis',
          'lost',
          '{}',
        ])
        .catch((caught: unknown) => caught);
      expect(sqlStateOf(error)).toBe('23514');
    });

    it('stamps times with its own clock when it has one', async () => {
      const clockJobs = new JobRepository(store, { now: () => Date.parse('2030-05-01T00:00:00Z') });
      const job = newJob();
      const created = await store.transaction((tx) => clockJobs.create(tx, job));
      expect(created.createdAt.toISOString()).toBe('2030-05-01T00:00:00.000Z');
      const recorded = await clockJobs.recordOutcome(TENANT, job.jobId, { status: 'failed', error: ERROR });
      expect(recorded.outcome === 'recorded' && recorded.job.finishedAt?.toISOString()).toBe(
        '2030-05-01T00:00:00.000Z',
      );
      expect(() => new JobRepository(store, { now: 5 as never })).toThrow(/now/);
    });
  });
}
