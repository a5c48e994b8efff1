import type { AnalyzeRequest } from '@invekto/contracts';
import { contextFromHeaders } from '@invekto/platform/context';
import { BreakerRegistry } from '@invekto/platform/resilience';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChatAnalysisClient } from './chat-analysis-client.js';

const REQUEST: AnalyzeRequest = { chat: { messages: [{ role: 'customer', text: 'Siparişim nerede?' }] } };
const ok = (data: unknown) => ({
  success: true,
  data,
  error: null,
  meta: { requestId: 'r', processingTimeMs: 1, serviceVersion: '1', isDegraded: false },
});
const fail = (code: string) => ({
  success: false,
  data: null,
  error: { code, message: code, category: 'PERMANENT' },
  meta: { requestId: 'r', processingTimeMs: 1, serviceVersion: '1', isDegraded: false },
});

/** A stand-in chat-analysis service whose next answers the test scripts. */
let service: FastifyInstance;
let baseUrl: string;
let script: Array<(reply: FastifyReply) => unknown>;
let calls: Array<Record<string, string | string[] | undefined>>;

beforeAll(async () => {
  service = Fastify();
  service.post('/api/v1/chat-analysis/analyze', async (request, reply) => {
    calls.push(request.headers);
    const next = script.shift() ?? ((r) => r.send(ok({ intent: 'order_status' })));
    return next(reply);
  });
  await service.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(service.server.address() as { port: number }).port}`;
});
afterAll(() => service.close());
beforeEach(() => {
  script = [];
  calls = [];
});

const client = (registry = new BreakerRegistry(), baseDelayMs = 1) =>
  new ChatAnalysisClient({ baseUrl, registry, policyOverrides: { retry: { baseDelayMs, maxJitterMs: 0 } } });

describe('ChatAnalysisClient.analyze', () => {
  it('returns the service envelope and carries the request context', async () => {
    const context = contextFromHeaders({ 'x-tenant-id': 'acme', 'x-chat-id': 'c-1' });
    const outcome = await client().analyze(REQUEST, context);
    expect(outcome.status).toBe(200);
    expect(outcome.response).toMatchObject({ success: true, data: { intent: 'order_status' } });
    expect(calls[0]).toMatchObject({
      'x-tenant-id': 'acme',
      'x-chat-id': 'c-1',
      'x-request-id': context.requestId,
      'x-trace-id': context.traceId,
    });
    expect(calls[0]?.['traceparent']).toBe(`00-${context.traceId}-${context.spanId}-01`);
  });

  it('passes a rejection of the request through with its status, without retrying', async () => {
    script = [(reply) => reply.code(413).send(fail('CHA-VAL-003'))];
    const outcome = await client().analyze(REQUEST);
    expect(outcome.status).toBe(413);
    expect(outcome.response.error?.code).toBe('CHA-VAL-003');
    expect(outcome.response.meta.isDegraded).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('retries one transient failure and then succeeds', async () => {
    script = [(reply) => reply.code(503).send(fail('INV-SYS-002'))];
    const outcome = await client().analyze(REQUEST);
    expect(outcome.response.success).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('honours INVEKTO_SYNC_RETRIES=0 alongside other policy overrides', async () => {
    script = [(reply) => reply.code(503).send(fail('INV-SYS-002'))];
    const noRetry = new ChatAnalysisClient({
      baseUrl,
      syncPolicy: { overallTimeoutMs: 600, retries: 0 },
      policyOverrides: { retry: { baseDelayMs: 1 } },
    });
    expect((await noRetry.analyze(REQUEST)).response.meta.isDegraded).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('degrades after the retry also fails transiently', async () => {
    script = [(reply) => reply.code(502).send('bad gateway'), (reply) => reply.code(504).send('timeout')];
    const outcome = await client().analyze(REQUEST);
    expect(outcome.status).toBe(200);
    expect(outcome.response).toMatchObject({
      success: false,
      data: null,
      error: { code: 'INV-NET-004' },
      meta: { isDegraded: true, degradedReason: 'chat-analysis temporarily unavailable' },
    });
    expect(calls).toHaveLength(2);
  });

  it('degrades without retrying when the service answers 500 or garbage', async () => {
    script = [(reply) => reply.code(500).send(fail('INV-SYS-003'))];
    expect((await client().analyze(REQUEST)).response.error?.code).toBe('INV-NET-003');
    script = [(reply) => reply.code(200).header('content-type', 'text/html').send('<html>')];
    expect((await client().analyze(REQUEST)).response).toMatchObject({
      error: { code: 'INV-NET-003' },
      meta: { degradedReason: 'chat-analysis invalid response' },
    });
    expect(calls).toHaveLength(2);
  });

  it('degrades with a timeout inside the 600 ms budget when the service hangs', async () => {
    script = [() => new Promise(() => undefined), () => new Promise(() => undefined)];
    const started = performance.now();
    const outcome = await client(new BreakerRegistry(), 25).analyze(REQUEST);
    const elapsed = performance.now() - started;
    expect(outcome.response).toMatchObject({
      error: { code: 'INV-NET-001' },
      meta: { isDegraded: true, degradedReason: 'chat-analysis timed out' },
    });
    expect(elapsed).toBeLessThan(600);
  });

  it('degrades when nothing listens at the URL', async () => {
    const outcome = await new ChatAnalysisClient({ baseUrl: 'http://127.0.0.1:1' }).analyze(REQUEST);
    expect(outcome.response).toMatchObject({
      error: { code: 'INV-NET-002' },
      meta: { isDegraded: true, degradedReason: 'chat-analysis unreachable' },
    });
  });

  it('opens the breaker after repeated failures and then fails fast without calling the service', async () => {
    const registry = new BreakerRegistry();
    const unreliable = client(registry);
    script = Array.from({ length: 40 }, () => (reply: FastifyReply) => reply.code(503).send('down'));
    for (let i = 0; i < 10; i += 1) await unreliable.analyze(REQUEST);
    const callsBefore = calls.length;
    const outcome = await unreliable.analyze(REQUEST);
    expect(outcome.response).toMatchObject({
      error: { code: 'INV-SYS-001' },
      meta: { isDegraded: true, degradedReason: 'chat-analysis circuit breaker open' },
    });
    expect(calls.length).toBe(callsBefore);
    expect(registry.snapshot()).toEqual([
      expect.objectContaining({ key: 'SyncMicroservice:chat-analysis', state: 'open' }),
    ]);
  });
});
