import {
  CHAT_ANALYSIS_JOB_SCHEMA_VERSION,
  ChatAnalysisJobMessageSchema,
  MessageHeaderNames as H,
} from '@invekto/contracts';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { CALLBACK_URL, CHAT, failingOutbox, MAX_MESSAGES, useBackend } from '../__fixtures__/backend-under-test.js';
import type { BackendUnderTest } from '../__fixtures__/backend-under-test.js';

const ASYNC = '/api/v1/chats/analyze/async';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const messageSchema = Compile(ChatAnalysisJobMessageSchema);

interface JobRow {
  job_id: string;
  tenant_id: string;
  kind: string;
  status: string;
  payload: unknown;
  message_id: string;
  created_at: Date;
}

interface OutboxRow {
  message_id: string;
  destination: string;
  routing_key: string;
  headers: Record<string, string>;
  payload: Record<string, unknown>;
}

async function rows(backend: BackendUnderTest): Promise<{ jobs: JobRow[]; outbox: OutboxRow[] }> {
  const jobs = await backend.sqlStore.query<JobRow>(
    'SELECT job_id, tenant_id, kind, status, payload, message_id, created_at FROM jobs ORDER BY job_id',
  );
  const outbox = await backend.sqlStore.query<OutboxRow>(
    'SELECT message_id, destination, routing_key, headers, payload FROM outbox ORDER BY id',
  );
  return { jobs: jobs.rows, outbox: outbox.rows };
}

function submit(backend: BackendUnderTest, payload: unknown, headers: Record<string, string> = {}) {
  return backend.app.inject({
    method: 'POST',
    url: ASYNC,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

describe('POST /api/v1/chats/analyze/async', () => {
  const backend = useBackend();

  it('answers 202 with the job id after writing the job and its message in one transaction', async () => {
    const under = await backend();
    const response = await submit(under, CHAT, {
      'x-tenant-id': 'acme',
      'x-chat-id': 'chat-42',
      'x-request-id': 'req-1',
      traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
    });

    expect(response.statusCode).toBe(202);
    const body = response.json();
    expect(body).toMatchObject({ success: true, error: null, data: { status: 'accepted' } });
    const { jobId } = body.data as { jobId: string };
    expect(jobId).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(body.meta).toMatchObject({ jobId, requestId: 'req-1', traceId: TRACE_ID, isDegraded: false });

    const { jobs, outbox } = await rows(under);
    expect(jobs).toEqual([
      {
        job_id: jobId,
        tenant_id: 'acme',
        kind: 'chat-analysis',
        status: 'accepted',
        payload: CHAT,
        message_id: outbox[0]?.message_id,
        created_at: expect.any(Date),
      },
    ]);
    expect(outbox).toHaveLength(1);
    const [message] = outbox as [OutboxRow];
    expect(message).toMatchObject({ destination: 'invekto.direct', routing_key: 'chat-analysis' });
    expect(message.headers).toEqual({
      [H.MessageId]: message.message_id,
      [H.CorrelationId]: 'req-1',
      [H.RequestId]: 'req-1',
      [H.TenantId]: 'acme',
      [H.ChatId]: 'chat-42',
      [H.TraceId]: TRACE_ID,
      [H.TraceParent]: expect.stringMatching(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`)),
      [H.SchemaVersion]: CHAT_ANALYSIS_JOB_SCHEMA_VERSION,
      [H.RetryCount]: '0',
      [H.MaxRetries]: '5',
    });
    expect(messageSchema.Check(message.payload)).toBe(true);
    expect(message.payload).toEqual({
      jobId,
      tenantId: 'acme',
      submittedAt: jobs[0]?.created_at.toISOString(),
      request: CHAT,
      callbackUrl: CALLBACK_URL,
    });
    expect(under.outboxWrites()).toBe(1);
  });

  it('writes neither row and wakes no dispatcher when the outbox insert fails', async () => {
    const healthy = await backend();
    const under = await backend({ sqlStore: failingOutbox(healthy.sqlStore) });
    const response = await submit(under, CHAT);
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ success: false, error: { code: 'INV-SYS-003' } });
    expect(await rows(healthy)).toEqual({ jobs: [], outbox: [] });
    expect(under.outboxWrites()).toBe(0);
  });

  it('still answers 202 when waking the dispatcher throws: the job is stored', async () => {
    const under = await backend({
      onOutboxWrite: () => {
        throw new Error('dispatcher gone');
      },
    });
    const response = await submit(under, CHAT);
    expect(response.statusCode).toBe(202);
    expect((await rows(under)).outbox).toHaveLength(1);
    expect(under.logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'onOutboxWrite failed; the job is stored and waits in the outbox',
      }),
    );
  });

  it('files a request without X-Tenant-Id under the default tenant', async () => {
    const under = await backend();
    expect((await submit(under, CHAT)).statusCode).toBe(202);
    const { jobs, outbox } = await rows(under);
    expect(jobs[0]?.tenant_id).toBe('default');
    expect(outbox[0]?.headers[H.TenantId]).toBe('default');
    expect(outbox[0]?.payload['tenantId']).toBe('default');
    expect(outbox[0]?.headers).not.toHaveProperty(H.ChatId);
  });

  it('reads the callback URL at each submit when given a function', async () => {
    let port = 1;
    const under = await backend({ callbackUrl: () => `http://127.0.0.1:${port}/api/v1/internal/jobs/callback` });
    await submit(under, CHAT);
    port = 4242;
    await submit(under, CHAT);
    const urls = (await rows(under)).outbox.map((row) => row.payload['callbackUrl']);
    expect(urls).toEqual([
      'http://127.0.0.1:1/api/v1/internal/jobs/callback',
      'http://127.0.0.1:4242/api/v1/internal/jobs/callback',
    ]);
  });

  describe('with X-Idempotency-Key', () => {
    it('answers a repeat of the same request with the same job id and writes it once', async () => {
      const under = await backend();
      const headers = { 'x-tenant-id': 'acme', 'x-idempotency-key': 'order-42_try-1' };
      const first = await submit(under, CHAT, headers);
      const again = await submit(under, CHAT, headers);
      expect(first.statusCode).toBe(202);
      expect(again.statusCode).toBe(202);
      expect(again.json().data).toEqual(first.json().data);
      expect(again.json().meta.jobId).toBe(first.json().data.jobId);
      const { jobs, outbox } = await rows(under);
      expect([jobs.length, outbox.length]).toEqual([1, 1]);
      expect(under.outboxWrites()).toBe(1);
    });

    it('refuses another body under the same key with INV-VAL-008 (422)', async () => {
      const under = await backend();
      const headers = { 'x-idempotency-key': 'order-42' };
      await submit(under, CHAT, headers);
      const other = { chat: { messages: [{ role: 'customer', text: 'İade istiyorum.' }] } };
      const response = await submit(under, other, headers);
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ success: false, data: null, error: { code: 'INV-VAL-008' } });
      expect((await rows(under)).jobs).toHaveLength(1);
    });

    it('keeps keys apart per tenant, tenants with ":" included', async () => {
      const under = await backend();
      const key = { 'x-idempotency-key': 'same-key' };
      const a = await submit(under, CHAT, { ...key, 'x-tenant-id': 'acme' });
      const b = await submit(under, CHAT, { ...key, 'x-tenant-id': 'org:acme' });
      const c = await submit(under, CHAT, { ...key, 'x-tenant-id': 'org:acme' });
      expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([202, 202, 202]);
      expect(a.json().data.jobId).not.toBe(b.json().data.jobId);
      expect(c.json().data.jobId).toBe(b.json().data.jobId);
      expect((await rows(under)).jobs.map((job) => job.tenant_id).sort()).toEqual(['acme', 'org:acme']);
    });

    it('refuses a key outside 1-128 of [A-Za-z0-9_-]', async () => {
      const under = await backend();
      for (const key of ['a.b', 'user@example', 'k:1']) {
        const response = await submit(under, CHAT, { 'x-idempotency-key': key });
        expect(response.statusCode, key).toBe(400);
        expect(response.json().error.code, key).toBe('INV-VAL-007');
      }
      // Keys no request id could be either are refused while the request context is read, before any route.
      for (const key of ['has space', '-leading-dash', 'k'.repeat(129)]) {
        const response = await submit(under, CHAT, { 'x-idempotency-key': key });
        expect(response.statusCode, key).toBe(400);
        expect(response.json().error.code, key).toBe('INV-VAL-005');
      }
      expect((await rows(under)).jobs).toEqual([]);
    });
  });

  describe('refuses bad requests with an envelope and writes nothing', () => {
    const long = 'ç'.repeat(201);
    const cases: [string, { payload: string | undefined; contentType?: string }, number, string][] = [
      ['garbage JSON', { payload: '{"chat": {"messages": [' }, 400, 'INV-VAL-001'],
      ['an empty body', { payload: '' }, 400, 'INV-VAL-001'],
      ['no body at all', { payload: undefined, contentType: '' }, 400, 'INV-VAL-004'],
      ['a prototype-poisoning key', { payload: '{"__proto__":{"x":1},"chat":{"messages":[]}}' }, 400, 'INV-VAL-001'],
      ['text/plain', { payload: JSON.stringify(CHAT), contentType: 'text/plain' }, 415, 'INV-VAL-002'],
      ['messages of the wrong type', { payload: '{"chat":{"messages":"nope"}}' }, 400, 'INV-VAL-004'],
      ['a missing chat', { payload: '{}' }, 400, 'INV-VAL-004'],
      ['an unknown role', { payload: '{"chat":{"messages":[{"role":"boss","text":"hi"}]}}' }, 400, 'INV-VAL-004'],
      ['an extra field', { payload: '{"chat":{"messages":[]},"priority":1}' }, 400, 'INV-VAL-004'],
      ['no messages', { payload: '{"chat":{"messages":[]}}' }, 400, 'CHA-VAL-002'],
      [
        'too many messages',
        {
          payload: JSON.stringify({
            chat: { messages: Array.from({ length: MAX_MESSAGES + 1 }, () => ({ role: 'customer', text: 'hi' })) },
          }),
        },
        413,
        'CHA-VAL-003',
      ],
      [
        'a message text too long',
        { payload: JSON.stringify({ chat: { messages: [{ role: 'customer', text: long }] } }) },
        413,
        'CHA-VAL-004',
      ],
      ['a blank message', { payload: '{"chat":{"messages":[{"role":"agent","text":"  "}]}}' }, 400, 'CHA-VAL-009'],
      [
        'a control character',
        { payload: '{"chat":{"messages":[{"role":"agent","text":"a\\u0007"}]}}' },
        400,
        'CHA-VAL-008',
      ],
      [
        'a body larger than the queue takes',
        { payload: JSON.stringify({ chat: { messages: [{ role: 'customer', text: 'x'.repeat(300 * 1024) }] } }) },
        413,
        'INV-VAL-003',
      ],
    ];

    for (const [name, { payload, contentType = 'application/json' }, status, code] of cases) {
      it(name, async () => {
        const under = await backend();
        const response = await under.app.inject({
          method: 'POST',
          url: ASYNC,
          headers: contentType === '' ? {} : { 'content-type': contentType },
          ...(payload === undefined ? {} : { payload }),
        });
        expect(response.statusCode).toBe(status);
        expect(response.json()).toMatchObject({ success: false, data: null, error: { code } });
        expect(await rows(under)).toEqual({ jobs: [], outbox: [] });
        expect(under.outboxWrites()).toBe(0);
      });
    }
  });
});
