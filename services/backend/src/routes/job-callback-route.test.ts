import { HeaderNames, JobStatus, type ErrorInfo, type JobCallback } from '@invekto/contracts';
import { deliverCallback, signCallback } from '@invekto/platform/callback';
import { JobRepository } from '@invekto/platform/jobs';
import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_RESULT,
  CALLBACK_SECRET,
  CHAT,
  config,
  useBackend,
  type BackendUnderTest,
} from '../__fixtures__/backend-under-test.js';

const CALLBACK = '/api/v1/internal/jobs/callback';
const DLQ_ERROR: ErrorInfo = {
  code: 'INV-NET-004',
  category: 'TRANSIENT',
  message: 'A dependency answered with a transient failure.',
};

const backend = useBackend();

async function submitted(under: BackendUnderTest, tenant = 'acme'): Promise<string> {
  const response = await under.app.inject({
    method: 'POST',
    url: '/api/v1/chats/analyze/async',
    headers: { 'x-tenant-id': tenant },
    payload: CHAT,
  });
  expect(response.statusCode).toBe(202);
  return (response.json().data as { jobId: string }).jobId;
}

function done(jobId: string, overrides: Partial<JobCallback> = {}): JobCallback {
  return {
    jobId,
    tenantId: 'acme',
    status: 'done',
    finishedAt: '2026-01-29T10:00:05.000Z',
    attempts: 1,
    result: ANALYSIS_RESULT,
    ...overrides,
  };
}

/** POSTs `body` as the consumer would: serialised once, signed over exactly those bytes. */
function post(under: BackendUnderTest, body: unknown, options: { now?: number; headers?: object; raw?: string } = {}) {
  const text = options.raw ?? JSON.stringify(body);
  return under.app.inject({
    method: 'POST',
    url: CALLBACK,
    headers: {
      'content-type': 'application/json',
      ...signCallback({ secret: CALLBACK_SECRET, body: text, now: options.now ?? Date.now() }),
      ...options.headers,
    },
    payload: text,
  });
}

async function view(under: BackendUnderTest, jobId: string, tenant = 'acme') {
  const response = await under.app.inject({
    method: 'GET',
    url: `/api/v1/jobs/${jobId}`,
    headers: { 'x-tenant-id': tenant },
  });
  return response.json().data as Record<string, unknown> | null;
}

describe('POST /api/v1/internal/jobs/callback', () => {
  it('stores a signed result, after which GET shows the job done with it', async () => {
    const under = await backend();
    const jobId = await submitted(under);
    const response = await post(under, done(jobId, { attempts: 2 }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      success: true,
      data: { jobId, status: 'done', duplicate: false },
      meta: { jobId },
    });
    expect(await view(under, jobId)).toMatchObject({ jobId, status: 'done', attempts: 2, result: ANALYSIS_RESULT });
    const stored = await new JobRepository(under.sqlStore).get('acme', jobId);
    expect(stored?.finishedAt?.toISOString()).toBe('2026-01-29T10:00:05.000Z');
  });

  it('stores a dead-lettered outcome with its error', async () => {
    const under = await backend();
    const jobId = await submitted(under);
    const body = done(jobId, { status: 'dead-lettered', attempts: 6, error: DLQ_ERROR });
    delete body.result;
    const response = await post(under, body);
    expect(response.json().data).toEqual({ jobId, status: 'dead-lettered', duplicate: false });
    const shown = await view(under, jobId);
    expect(shown).toMatchObject({ status: 'dead-lettered', attempts: 6, error: DLQ_ERROR });
    expect(shown).not.toHaveProperty('result');
  });

  it('answers a repeated or late outcome 200 as a duplicate and changes nothing', async () => {
    const under = await backend();
    const jobId = await submitted(under);
    await post(under, done(jobId));
    const repeat = await post(under, done(jobId));
    const late = await post(under, { ...done(jobId, { status: 'failed', error: DLQ_ERROR }), result: undefined });
    for (const response of [repeat, late]) {
      expect(response.statusCode).toBe(200);
      expect(response.json().data).toEqual({ jobId, status: 'done', duplicate: true });
    }
    expect(await view(under, jobId)).toMatchObject({ status: 'done', result: ANALYSIS_RESULT });
  });

  it('accepts what deliverCallback sends over a real connection', async () => {
    const under = await backend();
    const jobId = await submitted(under);
    await under.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = under.app.server.address() as { port: number };
    const receipt = await deliverCallback({
      url: `http://127.0.0.1:${port}${CALLBACK}`,
      body: JSON.stringify(
        done(jobId, { result: { ...ANALYSIS_RESULT, summary: { text: 'çay ☕ 🚚', keyPoints: [] } } }),
      ),
      secret: CALLBACK_SECRET,
    });
    expect(receipt).toEqual({ status: 200, attempts: 1 });
    expect((await view(under, jobId))?.['result']).toMatchObject({ summary: { text: 'çay ☕ 🚚' } });
  });

  describe('refuses with 401 and records nothing', () => {
    it('a tampered body (INV-AUTH-001)', async () => {
      const under = await backend();
      const jobId = await submitted(under);
      const signedFor = JSON.stringify(done(jobId));
      const tampered = JSON.stringify(done(jobId, { attempts: 9 }));
      const response = await under.app.inject({
        method: 'POST',
        url: CALLBACK,
        headers: { 'content-type': 'application/json', ...signCallback({ secret: CALLBACK_SECRET, body: signedFor }) },
        payload: tampered,
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ success: false, data: null, error: { code: 'INV-AUTH-001' } });
      expect((await view(under, jobId))?.['status']).toBe(JobStatus.Accepted);
    });

    it('a body with one byte of whitespace added after signing (INV-AUTH-001)', async () => {
      const under = await backend();
      const jobId = await submitted(under);
      const text = JSON.stringify(done(jobId));
      const response = await under.app.inject({
        method: 'POST',
        url: CALLBACK,
        headers: { 'content-type': 'application/json', ...signCallback({ secret: CALLBACK_SECRET, body: text }) },
        payload: `${text} `,
      });
      expect(response.json().error.code).toBe('INV-AUTH-001');
    });

    it('another secret, and missing or malformed signature headers (INV-AUTH-001)', async () => {
      const under = await backend();
      const jobId = await submitted(under);
      const text = JSON.stringify(done(jobId));
      const wrongSecret = signCallback({ secret: `${CALLBACK_SECRET}x`, body: text });
      for (const headers of [
        wrongSecret,
        {},
        { [HeaderNames.TokenTimestamp]: String(Date.now()) },
        { ...signCallback({ secret: CALLBACK_SECRET, body: text }), [HeaderNames.TokenSignature]: 'sha256=abc' },
      ]) {
        const response = await under.app.inject({
          method: 'POST',
          url: CALLBACK,
          headers: { 'content-type': 'application/json', ...headers },
          payload: text,
        });
        expect(response.statusCode).toBe(401);
        expect(response.json().error.code).toBe('INV-AUTH-001');
      }
      expect((await view(under, jobId))?.['status']).toBe(JobStatus.Accepted);
    });

    it('a signature older than the max age (INV-AUTH-002)', async () => {
      const under = await backend();
      const jobId = await submitted(under);
      const response = await post(under, done(jobId), { now: Date.now() - config.jobs.callbackMaxAgeMs - 5_000 });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('INV-AUTH-002');
      expect((await view(under, jobId))?.['status']).toBe(JobStatus.Accepted);
    });

    it('a replay of a callback already accepted (INV-AUTH-002)', async () => {
      const under = await backend();
      const jobId = await submitted(under);
      const text = JSON.stringify(done(jobId, { status: 'failed', error: DLQ_ERROR, result: undefined }));
      const request = {
        method: 'POST' as const,
        url: CALLBACK,
        headers: { 'content-type': 'application/json', ...signCallback({ secret: CALLBACK_SECRET, body: text }) },
        payload: text,
      };
      expect((await under.app.inject(request)).statusCode).toBe(200);
      const replay = await under.app.inject(request);
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error.code).toBe('INV-AUTH-002');
    });

    it('a request without a body (INV-AUTH-001)', async () => {
      const under = await backend();
      const response = await under.app.inject({ method: 'POST', url: CALLBACK, headers: {}, payload: undefined });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('INV-AUTH-001');
    });
  });

  describe('refuses signed bodies it cannot use', () => {
    it('not JSON (INV-VAL-001) or not a callback (INV-VAL-004), before or after the signature check', async () => {
      const under = await backend();
      const jobId = await submitted(under);
      const garbage = await post(under, undefined, { raw: '{"jobId": ' });
      expect(garbage.statusCode).toBe(400);
      expect(garbage.json().error.code).toBe('INV-VAL-001');
      for (const body of [
        { ...done(jobId), status: 'processing' },
        { ...done(jobId), jobId: 'job-1' },
        { ...done(jobId), extra: true },
        { ...done(jobId), result: { language: 'tr' } },
        done(jobId, { result: undefined }),
        { ...done(jobId, { status: 'dead-lettered' }), result: undefined },
      ]) {
        const response = await post(under, body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json()).toMatchObject({ success: false, error: { code: 'INV-VAL-004' } });
      }
      expect((await view(under, jobId))?.['status']).toBe(JobStatus.Accepted);
    });

    it("an unknown job, or another tenant's (404 INV-DATA-002), leaving the job as it was", async () => {
      const under = await backend();
      const jobId = await submitted(under, 'acme');
      const wrongTenant = await post(under, done(jobId, { tenantId: 'globex' }));
      expect(wrongTenant.statusCode).toBe(404);
      expect(wrongTenant.json().error.code).toBe('INV-DATA-002');
      const unknown = await post(under, done('01ARZ3NDEKTSV4RRFFQ69G5FAV'));
      expect(unknown.statusCode).toBe(404);
      expect((await view(under, jobId))?.['status']).toBe(JobStatus.Accepted);
    });

    it('an outcome the table cannot hold (INV-VAL-004, so the consumer stops retrying)', async () => {
      const under = await backend();
      const jobId = await submitted(under);
      const response = await post(under, {
        ...done(jobId, { status: 'failed', error: { ...DLQ_ERROR, message: 'nul \u0000 inside' } }),
        result: undefined,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('INV-VAL-004');
    });
  });

  it('keeps the strict JSON parser on every other route', async () => {
    const under = await backend();
    const response = await under.app.inject({
      method: 'POST',
      url: '/api/v1/chats/analyze/async',
      headers: { 'content-type': 'application/json' },
      payload: '{"constructor":{"prototype":{"polluted":true}},"chat":{"messages":[]}}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INV-VAL-001');
  });
});
