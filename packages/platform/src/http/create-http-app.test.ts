import { InvektoError } from '@invekto/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { createLogger, LogCapture } from '../observability/index.js';
import { currentContext } from '../context/index.js';
import { createHttpApp, type HttpApp } from './create-http-app.js';
import { success } from './envelope.js';
import type { HttpAppOptions } from './http-app-options.js';

let apps: HttpApp[] = [];
afterEach(async () => {
  await Promise.all(apps.map((app) => app.close()));
  apps = [];
});

async function testApp(overrides: Partial<HttpAppOptions> = {}) {
  const capture = new LogCapture();
  const logger = createLogger({ service: 'test', hashSalt: 'salt', destination: capture, level: 'info' });
  const app = await createHttpApp({
    service: 'test',
    version: '9.9.9',
    logger,
    exposeErrorDetails: true,
    ...overrides,
  });
  app.post(
    '/echo',
    {
      schema: {
        tags: ['test'],
        body: Type.Object({ name: Type.String({ maxLength: 10 }) }, { additionalProperties: false }),
      },
    },
    async (request) => success(request, { name: request.body.name, tenant: currentContext()?.tenantId ?? null }),
  );
  app.get('/boom', async () => {
    throw new Error('secret internals at line 42');
  });
  app.get('/transient', async () => {
    throw new InvektoError('INV-NET-001', { details: 'dependency slow', retryAfterMs: 2500 });
  });
  apps.push(app);
  return { app, capture };
}

const json = { 'content-type': 'application/json' };

describe('createHttpApp', () => {
  it('answers with the StandardResponse envelope and echoes requestId and traceId', async () => {
    const { app } = await testApp();
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { ...json, 'x-tenant-id': 'acme', 'x-request-id': 'r-1' },
      payload: { name: 'Ada' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      success: true,
      error: null,
      data: { name: 'Ada', tenant: 'acme' },
      meta: { requestId: 'r-1', serviceVersion: '9.9.9', isDegraded: false },
    });
    expect(body.meta.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(response.headers['x-request-id']).toBe('r-1');
    expect(response.headers['x-trace-id']).toBe(body.meta.traceId);
    expect(Number(response.headers['x-response-time-ms'])).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['malformed JSON', { headers: json, payload: '{"name":' }, 400, 'INV-VAL-001'],
    ['empty body', { headers: json, payload: '' }, 400, 'INV-VAL-001'],
    ['wrong content type', { headers: { 'content-type': 'text/plain' }, payload: 'name=Ada' }, 415, 'INV-VAL-002'],
    ['prototype poisoning', { headers: json, payload: '{"name":"a","__proto__":{"admin":true}}' }, 400, 'INV-VAL-001'],
    ['wrong type', { headers: json, payload: '{"name":5}' }, 400, 'INV-VAL-004'],
    ['unknown field', { headers: json, payload: '{"name":"a","extra":1}' }, 400, 'INV-VAL-004'],
    ['too long', { headers: json, payload: '{"name":"aaaaaaaaaaaaaaaaaaaaa"}' }, 400, 'INV-VAL-004'],
    [
      'invalid UTF-8',
      { headers: json, payload: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
      400,
      'INV-VAL-001',
    ],
    [
      'bad identity header',
      { headers: { ...json, 'x-tenant-id': 'no spaces allowed' }, payload: '{"name":"a"}' },
      400,
      'INV-VAL-005',
    ],
  ])('rejects %s with a 4xx envelope', async (_name, request, status, code) => {
    const { app } = await testApp();
    const response = await app.inject({ method: 'POST', url: '/echo', ...request });
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(body).toMatchObject({ success: false, data: null, error: { code } });
    expect(body.meta.requestId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('rejects a body over the limit with INV-VAL-003', async () => {
    const { app } = await testApp({ bodyLimitBytes: 1024 });
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: json,
      payload: JSON.stringify({ name: 'x'.repeat(5000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('INV-VAL-003');
  });

  it('answers unknown routes with INV-VAL-006', async () => {
    const { app } = await testApp();
    const response = await app.inject({ method: 'DELETE', url: '/nowhere?secret=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'INV-VAL-006', details: 'DELETE /nowhere' });
  });

  it('hides unexpected errors behind INV-SYS-003 and logs the stack', async () => {
    const { app, capture } = await testApp({ exposeErrorDetails: false });
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error).toEqual({
      code: 'INV-SYS-003',
      message: 'An unexpected error occurred.',
      category: 'UNKNOWN',
      traceId: expect.any(String),
    });
    expect(response.body).not.toContain('secret internals');
    const logged = capture.lines.find((line) => line['msg'] === 'unexpected error');
    expect(JSON.stringify(logged)).toContain('secret internals');
    expect(logged?.['traceId']).toBe(response.json().error.traceId);
  });

  it('passes InvektoErrors through with their status, details and Retry-After', async () => {
    const { app } = await testApp();
    const response = await app.inject({ method: 'GET', url: '/transient' });
    expect(response.statusCode).toBe(504);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.json().error).toMatchObject({
      code: 'INV-NET-001',
      category: 'TRANSIENT',
      details: 'dependency slow',
    });
  });

  it('logs one line per request with the context and without the body', async () => {
    const { app, capture } = await testApp();
    await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { ...json, 'x-tenant-id': 'acme', 'x-chat-id': 'c-9' },
      payload: { name: 'CANARY' },
    });
    const line = capture.lines.find((entry) => entry['msg'] === 'request completed');
    expect(line).toMatchObject({ method: 'POST', route: '/echo', statusCode: 200, service: 'test', level: 'info' });
    expect(line?.['traceId']).toMatch(/^[0-9a-f]{32}$/);
    expect(line?.['tenantHash']).toMatch(/^[0-9a-f]{16}$/);
    expect(capture.text()).not.toContain('acme');
    expect(capture.text()).not.toContain('c-9');
    expect(capture.text()).not.toContain('CANARY');
  });
});

describe('admission control', () => {
  it('answers 503 INV-SYS-002 beyond the in-flight cap and recovers afterwards', async () => {
    const { app } = await testApp({ maxInFlight: 2 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    app.get('/slow', async (request) => {
      await gate;
      return success(request, 'done');
    });
    const slow = [app.inject({ method: 'GET', url: '/slow' }), app.inject({ method: 'GET', url: '/slow' })];
    await new Promise((resolve) => setTimeout(resolve, 20));
    const rejected = await app.inject({ method: 'GET', url: '/slow' });
    expect(rejected.statusCode).toBe(503);
    expect(rejected.json().error.code).toBe('INV-SYS-002');
    expect(rejected.headers['retry-after']).toBe('1');
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    release();
    expect((await Promise.all(slow)).map((response) => response.statusCode)).toEqual([200, 200]);
    expect(app.admission.inFlight()).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/slow' })).statusCode).toBe(200);
  });

  it('refuses new requests with INV-SYS-004 once shutdown begins', async () => {
    const { app } = await testApp();
    app.admission.beginShutdown();
    const response = await app.inject({ method: 'POST', url: '/echo', headers: json, payload: { name: 'a' } });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('INV-SYS-004');
  });
});

describe('health and readiness', () => {
  it('reports liveness without touching dependencies', async () => {
    const { app } = await testApp();
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.json().data).toMatchObject({ status: 'ok', service: 'test', checks: [] });
  });

  it('reports readiness per dependency and 503 INV-SYS-006 when one is down or hangs', async () => {
    const { app } = await testApp({
      readinessTimeoutMs: 50,
      readinessChecks: [
        { name: 'redis', check: async () => undefined },
        { name: 'broker', check: async () => Promise.reject(new Error('connection refused')) },
        { name: 'sql', check: () => new Promise(() => undefined) },
      ],
    });
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(503);
    const body = response.json();
    expect(body.error.code).toBe('INV-SYS-006');
    expect(body.data.checks).toEqual([
      { name: 'redis', status: 'up', durationMs: expect.any(Number) },
      { name: 'broker', status: 'down', durationMs: expect.any(Number), error: 'connection refused' },
      { name: 'sql', status: 'down', durationMs: expect.any(Number), error: 'timed out after 50 ms' },
    ]);
  });
});

describe('OpenAPI', () => {
  it('serves the generated document at /openapi.json and a docs page', async () => {
    const { app } = await testApp();
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Invekto test', version: '9.9.9' });
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/echo', '/health', '/ready']));
    const docs = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });
});
