import { JobStatus, type AnalysisResult, type ErrorInfo } from '@invekto/contracts';
import { JobRepository, JobStatusStore, newJobId } from '@invekto/platform/jobs';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_RESULT, CHAT, useBackend, type BackendUnderTest } from '../__fixtures__/backend-under-test.js';

const RETRY_ERROR: ErrorInfo = {
  code: 'INV-NET-001',
  category: 'TRANSIENT',
  message: 'A dependency did not answer in time.',
};

async function submitted(under: BackendUnderTest, tenant?: string): Promise<string> {
  const response = await under.app.inject({
    method: 'POST',
    url: '/api/v1/chats/analyze/async',
    headers: tenant === undefined ? {} : { 'x-tenant-id': tenant },
    payload: CHAT,
  });
  expect(response.statusCode).toBe(202);
  return (response.json().data as { jobId: string }).jobId;
}

function getJob(under: BackendUnderTest, jobId: string, tenant?: string) {
  return under.app.inject({
    method: 'GET',
    url: `/api/v1/jobs/${encodeURIComponent(jobId)}`,
    headers: tenant === undefined ? {} : { 'x-tenant-id': tenant },
  });
}

function listJobs(under: BackendUnderTest, query = '', tenant?: string) {
  return under.app.inject({
    method: 'GET',
    url: `/api/v1/jobs${query}`,
    headers: tenant === undefined ? {} : { 'x-tenant-id': tenant },
  });
}

// One PGlite for the file: each costs ~600 MB and ~2 s.
const backend = useBackend();

describe('GET /api/v1/jobs/{jobId}', () => {
  it('shows an accepted job to its tenant', async () => {
    const under = await backend();
    const jobId = await submitted(under, 'acme');
    const response = await getJob(under, jobId, 'acme');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ success: true, error: null, meta: { jobId } });
    expect(body.data).toEqual({
      jobId,
      status: JobStatus.Accepted,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: body.data.createdAt,
      attempts: 0,
    });
  });

  it("answers 404 INV-DATA-002 alike for another tenant's job, an unknown id and a malformed one", async () => {
    const under = await backend();
    const jobId = await submitted(under, 'acme');
    const answers = await Promise.all([
      getJob(under, jobId, 'globex'),
      getJob(under, jobId),
      getJob(under, newJobId(), 'acme'),
      getJob(under, 'not-a-job', 'acme'),
      getJob(under, jobId.toLowerCase(), 'acme'),
      getJob(under, `${jobId}:x`, 'acme'),
    ]);
    for (const response of answers) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({
        success: false,
        data: null,
        error: { code: 'INV-DATA-002', message: 'No such job.' },
      });
    }
  });

  it('shows processing and retrying from the consumer while the table says accepted', async () => {
    const under = await backend();
    const jobId = await submitted(under, 'acme');
    const statuses = new JobStatusStore<AnalysisResult>({ store: under.keyValueStore });
    await statuses.update('acme', jobId, { status: JobStatus.Processing, attempts: 1 });
    expect((await getJob(under, jobId, 'acme')).json().data).toMatchObject({ status: 'processing', attempts: 1 });

    await statuses.update('acme', jobId, { status: JobStatus.Retrying, attempts: 2, error: RETRY_ERROR });
    const retrying = (await getJob(under, jobId, 'acme')).json().data;
    expect(retrying).toMatchObject({ status: 'retrying', attempts: 2, error: RETRY_ERROR });
    expect(retrying).not.toHaveProperty('result');
    // Another tenant's status record with the same id is invisible.
    expect((await getJob(under, jobId, 'globex')).statusCode).toBe(404);
  });

  it("shows the consumer's result before its callback lands", async () => {
    const under = await backend();
    const jobId = await submitted(under, 'acme');
    const statuses = new JobStatusStore<AnalysisResult>({ store: under.keyValueStore });
    await statuses.update('acme', jobId, { status: JobStatus.Done, attempts: 1, result: ANALYSIS_RESULT });
    expect((await getJob(under, jobId, 'acme')).json().data).toMatchObject({
      status: 'done',
      attempts: 1,
      result: ANALYSIS_RESULT,
    });
  });

  it('trusts the table once it is terminal, whatever the key-value store says', async () => {
    const under = await backend();
    const jobId = await submitted(under, 'acme');
    await new JobRepository(under.sqlStore).recordOutcome('acme', jobId, {
      status: JobStatus.Done,
      result: ANALYSIS_RESULT,
      attempts: 3,
    });
    await new JobStatusStore({ store: under.keyValueStore }).update('acme', jobId, {
      status: JobStatus.Retrying,
      attempts: 7,
      error: RETRY_ERROR,
    });
    const view = (await getJob(under, jobId, 'acme')).json().data;
    expect(view).toMatchObject({ status: 'done', attempts: 3, result: ANALYSIS_RESULT });
    expect(view).not.toHaveProperty('error');
  });
});

describe('GET /api/v1/jobs', () => {
  it("lists the tenant's jobs newest first, without results, with live statuses", async () => {
    const under = await backend();
    const ids: string[] = [];
    for (let n = 0; n < 3; n += 1) ids.push(await submitted(under, 'acme'));
    await submitted(under, 'globex');
    await new JobRepository(under.sqlStore).recordOutcome('acme', ids[0] as string, {
      status: JobStatus.Done,
      result: ANALYSIS_RESULT,
      attempts: 1,
    });
    await new JobStatusStore({ store: under.keyValueStore }).update('acme', ids[2] as string, {
      status: JobStatus.Processing,
      attempts: 1,
    });

    const response = await listJobs(under, '', 'acme');
    expect(response.statusCode).toBe(200);
    const items = response.json().data as Record<string, unknown>[];
    expect(items.map((item) => [item['jobId'], item['status']])).toEqual([
      [ids[2], 'processing'],
      [ids[1], 'accepted'],
      [ids[0], 'done'],
    ]);
    for (const item of items) expect(item).not.toHaveProperty('result');
  });

  it('takes a limit from 1 to 100, 20 by default, and keeps the default tenant apart', async () => {
    const under = await backend();
    for (let n = 0; n < 22; n += 1) await submitted(under);
    expect((await listJobs(under)).json().data).toHaveLength(20);
    expect((await listJobs(under, '?limit=3')).json().data).toHaveLength(3);
    expect((await listJobs(under, '?limit=100')).json().data).toHaveLength(22);
    expect((await listJobs(under, '', 'acme')).json().data).toEqual([]);
    for (const limit of ['0', '101', 'ten', '-1', '1.5', '']) {
      const response = await listJobs(under, `?limit=${limit}`);
      expect(response.statusCode, limit).toBe(400);
      expect(response.json().error.code, limit).toBe('INV-VAL-004');
    }
  });
});
