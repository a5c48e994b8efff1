import { JobStatus, type ErrorInfo } from '@invekto/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../store/key-value/index.js';
import { newJobId } from '../job-ids.js';
import { JOB_STATUS_STORE_DEFAULTS, JobStatusStore } from '../job-status-store.js';

export interface StatusStoreUnderTest {
  readonly store: KeyValueStore;
}

const START = Date.parse('2026-01-29T10:00:00.000Z');
const TENANT = 'tenant-a';
const RESULT = { language: 'en', summary: { text: 'Where is my order?', keyPoints: [] } };
const ERROR: ErrorInfo = {
  code: 'INV-NET-001',
  category: 'TRANSIENT',
  message: 'A dependency did not answer in time.',
};

/**
 * What `JobStatusStore` does on any key-value store. Record times come from a fake clock owned here,
 * so they are exact on every store; each test gets a fresh store and fresh job ids.
 */
export function describeJobStatusStoreBehaviour(name: string, createStore: () => Promise<StatusStoreUnderTest>): void {
  describe(`JobStatusStore on ${name}`, () => {
    let store: KeyValueStore;
    let statuses: JobStatusStore;
    let now = START;
    const tick = (ms = 1_000) => (now += ms);

    beforeEach(async () => {
      ({ store } = await createStore());
      now = START;
      statuses = new JobStatusStore({ store, now: () => now });
    });

    it('writes a record as JSON under invekto:job:{jobId} with the 7-day TTL', async () => {
      const jobId = newJobId();
      const written = await statuses.put({
        jobId,
        tenantId: TENANT,
        status: JobStatus.Processing,
        attempts: 1,
        createdAt: '2026-01-29T09:59:00Z',
      });
      const expected = {
        jobId,
        tenantId: TENANT,
        status: JobStatus.Processing,
        createdAt: '2026-01-29T09:59:00.000Z',
        updatedAt: '2026-01-29T10:00:00.000Z',
        attempts: 1,
      };
      expect(written).toEqual({ applied: true, record: expected });
      expect(JSON.parse((await store.get(`invekto:job:${jobId}`)) ?? 'null')).toEqual(expected);
      const ttl = await store.ttlMs(`invekto:job:${jobId}`);
      expect(ttl).toBeGreaterThan(JOB_STATUS_STORE_DEFAULTS.ttlMs - 60_000);
      expect(ttl).toBeLessThanOrEqual(JOB_STATUS_STORE_DEFAULTS.ttlMs);
      expect(await statuses.get(TENANT, jobId)).toEqual(expected);
    });

    it('moves a job through its statuses, keeping createdAt and the highest attempts', async () => {
      const jobId = newJobId();
      await statuses.put({ jobId, tenantId: TENANT, status: JobStatus.Processing, attempts: 1 });
      tick();
      expect(
        await statuses.update(TENANT, jobId, { status: JobStatus.Retrying, attempts: 2, error: ERROR }),
      ).toMatchObject({ applied: true, record: { status: JobStatus.Retrying, attempts: 2, error: ERROR } });
      tick();
      const done = await statuses.update(TENANT, jobId, { status: JobStatus.Done, attempts: 1, result: RESULT });
      expect(done).toEqual({
        applied: true,
        record: {
          jobId,
          tenantId: TENANT,
          status: JobStatus.Done,
          createdAt: '2026-01-29T10:00:00.000Z',
          updatedAt: '2026-01-29T10:00:02.000Z',
          attempts: 2,
          result: RESULT,
          error: ERROR,
        },
      });
      expect(await statuses.get(TENANT, jobId)).toEqual(done?.record);
    });

    it('takes the stamps a writer gives and answers ping', async () => {
      const jobId = newJobId();
      const written = await statuses.put({
        jobId,
        tenantId: TENANT,
        status: JobStatus.Queued,
        createdAt: new Date('2026-01-29T09:00:00Z'),
        updatedAt: '2026-01-29T09:00:01Z',
      });
      expect(written.record).toMatchObject({
        createdAt: '2026-01-29T09:00:00.000Z',
        updatedAt: '2026-01-29T09:00:01.000Z',
      });
      await expect(statuses.ping()).resolves.toBeUndefined();
    });

    it('creates the record on update when nobody wrote it yet', async () => {
      const jobId = newJobId();
      expect(await statuses.update(TENANT, jobId, { status: JobStatus.Processing, attempts: 1 })).toEqual({
        applied: true,
        record: {
          jobId,
          tenantId: TENANT,
          status: JobStatus.Processing,
          createdAt: '2026-01-29T10:00:00.000Z',
          updatedAt: '2026-01-29T10:00:00.000Z',
          attempts: 1,
        },
      });
      const other = newJobId();
      expect((await statuses.update(TENANT, other, { attempts: 0 }))?.record.status).toBe(JobStatus.Accepted);
    });

    it('never overwrites a terminal status, and says so', async () => {
      for (const terminal of [JobStatus.Done, JobStatus.Failed, JobStatus.DeadLettered]) {
        const jobId = newJobId();
        const ended = await statuses.put({ jobId, tenantId: TENANT, status: terminal, attempts: 3, error: ERROR });
        tick();
        for (const late of [JobStatus.Processing, JobStatus.Retrying, JobStatus.Done, JobStatus.DeadLettered]) {
          expect(await statuses.update(TENANT, jobId, { status: late, attempts: 9, result: RESULT })).toEqual({
            applied: false,
            record: ended.record,
          });
          expect(await statuses.put({ jobId, tenantId: TENANT, status: late })).toEqual({
            applied: false,
            record: ended.record,
          });
        }
        expect(await statuses.get(TENANT, jobId)).toEqual(ended.record);
      }
    });

    it('keeps the terminal status when many writers race', async () => {
      const jobId = newJobId();
      await statuses.put({ jobId, tenantId: TENANT, status: JobStatus.Processing, attempts: 1 });
      const writes = Array.from({ length: 30 }, (_, n) =>
        n === 17
          ? statuses.update(TENANT, jobId, { status: JobStatus.Done, attempts: 2, result: RESULT })
          : statuses.update(TENANT, jobId, { status: n % 2 === 0 ? JobStatus.Processing : JobStatus.Retrying }),
      );
      const outcomes = await Promise.all(writes);
      expect(outcomes[17]?.applied).toBe(true);
      expect(await statuses.get(TENANT, jobId)).toMatchObject({ status: JobStatus.Done, result: RESULT, attempts: 2 });
    });

    it("shows and changes nothing of another tenant's job", async () => {
      const jobId = newJobId();
      await statuses.put({ jobId, tenantId: TENANT, status: JobStatus.Processing });
      expect(await statuses.get('tenant-b', jobId)).toBeUndefined();
      expect(await statuses.update('tenant-b', jobId, { status: JobStatus.Done, result: RESULT })).toBeUndefined();
      await expect(statuses.put({ jobId, tenantId: 'tenant-b', status: JobStatus.Done })).rejects.toThrow(
        /another tenant/,
      );
      expect((await statuses.get(TENANT, jobId))?.status).toBe(JobStatus.Processing);
    });

    it('answers undefined for an unknown or malformed job id', async () => {
      expect(await statuses.get(TENANT, newJobId())).toBeUndefined();
      expect(await statuses.get(TENANT, 'job:1')).toBeUndefined();
    });

    it('refuses bad writes before touching the store, and a value that is not a record', async () => {
      const jobId = newJobId();
      await expect(statuses.put({ jobId: 'job-1', tenantId: TENANT, status: JobStatus.Done })).rejects.toThrow(/ULID/);
      await expect(statuses.put({ jobId, tenantId: '', status: JobStatus.Done })).rejects.toThrow(/tenantId/);
      await expect(statuses.put({ jobId, tenantId: TENANT, status: 'lost' as JobStatus })).rejects.toThrow(/JobStatus/);
      await expect(statuses.update(TENANT, jobId, { attempts: -1 })).rejects.toThrow(/attempts/);
      await expect(
        statuses.put({ jobId, tenantId: TENANT, status: JobStatus.Queued, createdAt: 'yesterday' }),
      ).rejects.toThrow(/createdAt/);
      expect(await store.get(statuses.keyFor(jobId))).toBeUndefined();

      await store.set(statuses.keyFor(jobId), '{"jobId":1}');
      await expect(statuses.get(TENANT, jobId)).rejects.toThrow(/not a job status record/);
    });
  });
}
