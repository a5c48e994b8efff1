import { buildApp as buildBackend, JOB_CALLBACK_PATH } from '@invekto/backend';
import { analyzeChat, buildApp as buildChatAnalysis, warmUp } from '@invekto/chat-analysis';
import { ChatAnalysisClient } from '@invekto/client';
import { signCallback } from '@invekto/platform/callback';
import { loadConfig } from '@invekto/platform/config';
import type { HttpApp } from '@invekto/platform/http';
import { MemoryKeyValueStore, migrate, PGLITE_MEMORY, PgliteSqlStore } from '@invekto/platform/store';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiValidator } from '../support/openapi-validator.js';
import { captureLogger } from '../support/test-logger.js';

const ANALYZE = '/api/v1/chats/analyze';
// Contract checks, not latency checks: a busy test machine must not turn answers into degraded ones.
const RELAXED = { timeoutMs: 10_000, attemptTimeoutsMs: [5_000, 5_000] };
const config = loadConfig({ INVEKTO_CHAT_MAX_MESSAGES: '20' });
let service: HttpApp;
let backend: HttpApp;
let orphan: HttpApp;
let validator: OpenApiValidator;
let sqlStore: PgliteSqlStore;
const keyValueStore = new MemoryKeyValueStore({ sweepIntervalMs: 0 });
const CALLBACK_URL = `http://127.0.0.1:8080${JOB_CALLBACK_PATH}`;

beforeAll(async () => {
  sqlStore = await PgliteSqlStore.open({ dataDir: PGLITE_MEMORY });
  await migrate(sqlStore);
  const stores = { sqlStore, keyValueStore, callbackUrl: CALLBACK_URL };
  service = await buildChatAnalysis({ config, logger: captureLogger('chat-analysis').logger });
  await warmUp(service);
  await service.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(service.server.address() as { port: number }).port}`;
  backend = await buildBackend({
    config,
    logger: captureLogger('backend').logger,
    chatAnalysis: new ChatAnalysisClient({ baseUrl: url, policyOverrides: RELAXED }),
    ...stores,
  });
  orphan = await buildBackend({
    config,
    logger: captureLogger('backend').logger,
    chatAnalysis: new ChatAnalysisClient({ baseUrl: 'http://127.0.0.1:1' }),
    ...stores,
  });
  validator = new OpenApiValidator((await backend.inject({ method: 'GET', url: '/openapi.json' })).json());
});
afterAll(async () => {
  await Promise.all([backend.close(), orphan.close(), service.close()]);
  await Promise.all([sqlStore.close(), keyValueStore.close()]);
});

async function analyze(app: HttpApp, payload: unknown) {
  const response = await app.inject({
    method: 'POST',
    url: ANALYZE,
    payload: payload as object,
    headers: { 'x-tenant-id': 'acme' },
  });
  const body = response.json();
  expect(validator.errors(ANALYZE, 'POST', response.statusCode, body)).toEqual([]);
  return { status: response.statusCode, body };
}

const messages = (count: number) =>
  Array.from({ length: count }, () => ({ role: 'customer', text: 'Siparişim nerede?' }));

describe('the reference backend against its OpenAPI document', () => {
  it('lists sample chats that the service accepts', async () => {
    const response = await backend.inject({ method: 'GET', url: '/api/v1/samples' });
    expect(validator.errors('/api/v1/samples', 'GET', 200, response.json())).toEqual([]);
    const samples = response.json().data as { request: unknown }[];
    expect(samples.length).toBeGreaterThanOrEqual(4);
    for (const sample of samples)
      expect((await analyze(backend, sample.request)).body).toMatchObject({
        success: true,
        meta: { isDegraded: false },
      });
  });

  it('analyses through the service and keeps the trace of the page request', async () => {
    const response = await backend.inject({
      method: 'POST',
      url: ANALYZE,
      payload: { chat: { messages: messages(2) } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().meta.traceId).toBe(response.headers['x-trace-id']);
  });

  it('rejects a malformed page request itself', async () => {
    const response = await analyze(backend, { chat: { messages: 'nope' } });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'INV-VAL-004' } } });
  });

  it("relays the service's own rejection with its status and code", async () => {
    const response = await analyze(backend, { chat: { messages: messages(21) } });
    expect(response).toMatchObject({
      status: 413,
      body: { error: { code: 'CHA-VAL-003' }, meta: { isDegraded: false } },
    });
  });

  it('answers a degraded envelope when the service is unreachable', async () => {
    const response = await analyze(orphan, { chat: { messages: messages(1) } });
    expect(response).toMatchObject({
      status: 200,
      body: {
        success: false,
        data: null,
        error: { code: 'INV-NET-002' },
        meta: { isDegraded: true, degradedReason: 'chat-analysis unreachable' },
      },
    });
  });

  it('is ready while chat-analysis answers, and not ready when it cannot be reached', async () => {
    expect((await backend.inject({ method: 'GET', url: '/ready' })).json().data.checks).toEqual([
      { name: 'chat-analysis', status: 'up', durationMs: expect.any(Number) },
      { name: 'sql', status: 'up', durationMs: expect.any(Number) },
      { name: 'key-value', status: 'up', durationMs: expect.any(Number) },
    ]);
    const notReady = await orphan.inject({ method: 'GET', url: '/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({ error: { code: 'INV-SYS-006' }, data: { status: 'not-ready' } });
    expect(validator.errors('/ready', 'GET', 503, notReady.json())).toEqual([]);
  });

  it('never answers generated junk with a 5xx or an envelope that breaks the contract', async () => {
    const message = fc.record(
      {
        role: fc.constantFrom('customer', 'agent', 'bot', 'boss'),
        text: fc.string({ unit: 'grapheme', maxLength: 200 }),
      },
      { requiredKeys: ['role'] },
    );
    const payload = fc.oneof(
      fc.json(),
      fc.string({ maxLength: 100 }),
      fc.array(message, { maxLength: 6 }).map((messages) => JSON.stringify({ chat: { messages } })),
    );
    const headers = fc.record(
      {
        'x-tenant-id': fc.string({ maxLength: 140 }),
        'x-request-id': fc.string({ maxLength: 40 }),
        traceparent: fc.string({ maxLength: 60 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(payload, headers, async (body, extraHeaders) => {
        const response = await backend.inject({
          method: 'POST',
          url: ANALYZE,
          payload: body,
          headers: { 'content-type': 'application/json', ...extraHeaders },
        });
        expect(response.statusCode).toBeLessThan(500);
        expect(validator.errors(ANALYZE, 'POST', response.statusCode, response.json())).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('answers the async job routes as documented, from submit to the signed callback', async () => {
    const check = (path: string, method: string, response: { statusCode: number; json(): unknown }) =>
      expect(validator.errors(path, method, response.statusCode, response.json())).toEqual([]);
    const ASYNC = '/api/v1/chats/analyze/async';
    const request = { chat: { messages: messages(2) } };
    const accepted = await backend.inject({ method: 'POST', url: ASYNC, payload: request });
    expect(accepted.statusCode).toBe(202);
    check(ASYNC, 'POST', accepted);
    check(ASYNC, 'POST', await backend.inject({ method: 'POST', url: ASYNC, payload: { chat: { messages: [] } } }));
    const { jobId } = accepted.json().data as { jobId: string };

    const callback = JSON.stringify({
      jobId,
      tenantId: 'default',
      status: 'done',
      finishedAt: new Date().toISOString(),
      attempts: 1,
      result: analyzeChat(request as never).data,
    });
    const post = (headers: Record<string, string>) =>
      backend.inject({
        method: 'POST',
        url: JOB_CALLBACK_PATH,
        headers: { 'content-type': 'application/json', ...headers },
        payload: callback,
      });
    const unsigned = await post({});
    expect(unsigned.statusCode).toBe(401);
    check(JOB_CALLBACK_PATH, 'POST', unsigned);
    const recorded = await post(signCallback({ secret: config.jobs.callbackSecret, body: callback }));
    expect(recorded.statusCode).toBe(200);
    check(JOB_CALLBACK_PATH, 'POST', recorded);

    const view = await backend.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}` });
    expect(view.json().data).toMatchObject({ status: 'done', result: { language: expect.any(String) } });
    check('/api/v1/jobs/{jobId}', 'GET', view);
    check('/api/v1/jobs/{jobId}', 'GET', await backend.inject({ method: 'GET', url: '/api/v1/jobs/nope' }));
    const list = await backend.inject({ method: 'GET', url: '/api/v1/jobs?limit=5' });
    expect(list.json().data).toHaveLength(1);
    check('/api/v1/jobs', 'GET', list);
  });

  it('serves the page and its assets with a strict content security policy', async () => {
    for (const url of ['/', '/assets/app.js', '/assets/render-outcome.js', '/assets/styles.css']) {
      const response = await backend.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });
});
