import { buildApp } from '@invekto/chat-analysis';
import type { AnalysisResult } from '@invekto/contracts';
import { loadConfig } from '@invekto/platform/config';
import type { HttpApp } from '@invekto/platform/http';
import { IdempotencyGuard } from '@invekto/platform/idempotency';
import { JobStatusStore } from '@invekto/platform/jobs';
import { buildTopology, SqlBroker } from '@invekto/platform/messaging';
import { MemoryKeyValueStore, migrate, PGLITE_MEMORY, PgliteSqlStore } from '@invekto/platform/store';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiValidator } from '../support/openapi-validator.js';
import { captureLogger } from '../support/test-logger.js';

const SUBMIT = '/api/v1/chat-analysis/analyze/async';
const JOB = '/api/v1/chat-analysis/jobs/{jobId}';
let app: HttpApp;
let sql: PgliteSqlStore;
let broker: SqlBroker;
let validator: OpenApiValidator;
const { logger } = captureLogger('chat-analysis');

beforeAll(async () => {
  sql = await PgliteSqlStore.open({ dataDir: PGLITE_MEMORY });
  await migrate(sql);
  broker = new SqlBroker({ store: sql });
  await broker.declare(buildTopology());
  const keyValue = new MemoryKeyValueStore();
  app = await buildApp({
    config: loadConfig({ INVEKTO_CHAT_MAX_MESSAGES: '50' }),
    logger,
    jobs: {
      broker,
      statuses: new JobStatusStore<AnalysisResult>({ store: keyValue }),
      guard: new IdempotencyGuard({ store: keyValue }),
    },
  });
  validator = new OpenApiValidator((await app.inject({ method: 'GET', url: '/openapi.json' })).json());
});
afterAll(async () => {
  await app.close();
  await broker.close();
  await sql.close();
});

async function submit(payload: string, headers: Record<string, string> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: SUBMIT,
    headers: { 'content-type': 'application/json', 'x-tenant-id': 'acme', ...headers },
    payload,
  });
  const body = response.json();
  expect(validator.errors(SUBMIT, 'POST', response.statusCode, body)).toEqual([]);
  return { status: response.statusCode, body };
}

describe('async chat-analysis endpoints against their OpenAPI document', () => {
  it('answers a valid submit with a conforming 202 and the job view with a conforming 200', async () => {
    const { status, body } = await submit(
      JSON.stringify({ chat: { messages: [{ role: 'customer', text: 'merhaba' }] } }),
    );
    expect(status).toBe(202);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/chat-analysis/jobs/${body.data.jobId}`,
      headers: { 'x-tenant-id': 'acme' },
    });
    expect(response.statusCode).toBe(200);
    expect(validator.errors(JOB, 'GET', 200, response.json())).toEqual([]);
  });

  it('never answers generated junk with a 5xx or an envelope that breaks the contract', async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json(),
      fc
        .record({ chat: fc.record({ messages: fc.array(fc.anything(), { maxLength: 5 }) }, { requiredKeys: [] }) })
        .map((value) => JSON.stringify(value)),
    );
    const headers = fc.record(
      {
        'x-idempotency-key': fc.oneof(fc.string({ maxLength: 140 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/)),
        'x-tenant-id': fc.oneof(fc.constant('acme'), fc.string({ maxLength: 20 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, headers, async (payload, extra) => {
        const printable = Object.fromEntries(
          Object.entries(extra).filter(([, value]) => /^[\x20-\x7e]*$/.test(value)),
        ) as Record<string, string>;
        const { status, body: answer } = await submit(payload, printable);
        expect(status).toBeLessThan(500);
        if (status !== 202) expect(answer.error.code).toMatch(/^[A-Z]{3}-[A-Z]{3,4}-\d{3}$/);
      }),
      { numRuns: 150 },
    );
  });

  it('answers an unknown, foreign or malformed job id with a conforming 404', async () => {
    for (const id of ['01ARZ3NDEKTSV4RRFFQ69G5FAV', 'nope', '%00', 'x'.repeat(64)]) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/chat-analysis/jobs/${id}`,
        headers: { 'x-tenant-id': 'acme' },
      });
      expect(response.statusCode).toBe(404);
      expect(validator.errors(JOB, 'GET', 404, response.json())).toEqual([]);
    }
  });
});
