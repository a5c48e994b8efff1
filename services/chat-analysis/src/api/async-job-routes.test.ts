import { JobStatus, Queues, type AnalysisResult, type ChatAnalysisJobMessage } from '@invekto/contracts';
import { loadConfig } from '@invekto/platform/config';
import type { HttpApp } from '@invekto/platform/http';
import { IdempotencyGuard } from '@invekto/platform/idempotency';
import { JobStatusStore } from '@invekto/platform/jobs';
import { buildTopology, type JobConsumer, SqlBroker } from '@invekto/platform/messaging';
import { createLogger, LogCapture } from '@invekto/platform/observability';
import { MemoryKeyValueStore, migrate, PGLITE_MEMORY, PgliteSqlStore } from '@invekto/platform/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../build-app.js';
import { startChatAnalysisConsumer } from '../jobs/start-consumer.js';

const SUBMIT = '/api/v1/chat-analysis/analyze/async';
const config = loadConfig({ INVEKTO_CHAT_MAX_MESSAGES: '20' });
const logger = createLogger({ service: 'chat-analysis', hashSalt: 's', destination: new LogCapture() });
const topology = buildTopology();
const jobQueue = Queues.ChatAnalysisJobs;

let sql: PgliteSqlStore;
let broker: SqlBroker;
let app: HttpApp;
let statuses: JobStatusStore<AnalysisResult>;

const chat = {
  chat: {
    messages: [
      { role: 'customer', text: 'Merhaba, 123456789 numaralı siparişim nerede? Çok bekledim.' },
      { role: 'agent', text: 'Kontrol ediyorum, yarın teslim edilecek.' },
    ],
  },
};

async function submit(body: unknown, headers: Record<string, string> = { 'x-tenant-id': 'acme' }) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await app.inject({
    method: 'POST',
    url: SUBMIT,
    headers: { 'content-type': 'application/json', ...headers },
    payload,
  });
  return { status: response.statusCode, body: response.json() };
}

async function view(jobId: string, tenantId = 'acme') {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/chat-analysis/jobs/${jobId}`,
    headers: { 'x-tenant-id': tenantId },
  });
  return { status: response.statusCode, body: response.json() };
}

async function queued(): Promise<number> {
  const [stats] = await broker.stats([jobQueue]);
  return stats?.ready ?? 0;
}

beforeAll(async () => {
  sql = await PgliteSqlStore.open({ dataDir: PGLITE_MEMORY });
  await migrate(sql);
});

beforeEach(async () => {
  await app?.close();
  await broker?.close();
  broker = new SqlBroker({ store: sql });
  await broker.declare(topology);
  await broker.purge(jobQueue);
  const keyValue = new MemoryKeyValueStore();
  statuses = new JobStatusStore<AnalysisResult>({ store: keyValue });
  app = await buildApp({
    config,
    logger,
    jobs: { broker, statuses, guard: new IdempotencyGuard({ store: keyValue }) },
  });
});

afterAll(async () => {
  await app.close();
  await broker.close();
  await sql.close();
});

describe('POST /api/v1/chat-analysis/analyze/async', () => {
  it('answers 202 with a job id once the job is in the queue, with the header contract', async () => {
    const { status, body } = await submit(chat, { 'x-tenant-id': 'acme', 'x-chat-id': 'chat-1' });
    expect(status).toBe(202);
    expect(body.data).toEqual({ status: 'accepted', jobId: expect.stringMatching(/^[0-9A-Z]{26}$/) });
    expect(body.meta.jobId).toBe(body.data.jobId);
    expect(await queued()).toBe(1);
    expect((await view(body.data.jobId)).body.data).toMatchObject({ status: JobStatus.Queued, attempts: 0 });

    const delivered = await new Promise<{ body: ChatAnalysisJobMessage; headers: Record<string, unknown> }>(
      (resolve) => {
        void broker.consume(
          jobQueue,
          (delivery) => {
            void delivery.reject({ requeue: true });
            resolve({ body: JSON.parse(delivery.body.toString('utf8')), headers: { ...delivery.headers } });
          },
          { prefetch: 1 },
        );
      },
    );
    expect(delivered.body).toMatchObject({ jobId: body.data.jobId, tenantId: 'acme', request: chat });
    expect(delivered.headers).toMatchObject({
      'x-tenant-id': 'acme',
      'x-chat-id': 'chat-1',
      'x-schema-version': '1',
      'x-retry-count': '0',
      'x-max-retries': '5',
      'x-trace-id': body.meta.traceId,
      'x-request-id': body.meta.requestId,
    });
  });

  it('returns the same job for a repeated idempotency key and refuses the key for another body', async () => {
    const headers = { 'x-tenant-id': 'acme', 'x-idempotency-key': 'order-77-analysis' };
    const first = await submit(chat, headers);
    const again = await submit(chat, headers);
    expect(again.status).toBe(202);
    expect(again.body.data.jobId).toBe(first.body.data.jobId);
    expect(await queued()).toBe(1);
    const other = await submit({ chat: { messages: [{ role: 'customer', text: 'başka' }] } }, headers);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('INV-VAL-008');
  });

  it('answers bad input with a clear error and queues nothing', async () => {
    const cases: [unknown, Record<string, string> | undefined, number, string][] = [
      [chat, {}, 400, 'INV-VAL-005'],
      ['{"chat": ', undefined, 400, 'CHA-VAL-006'],
      [{ chat: { messages: [] } }, undefined, 400, 'CHA-VAL-002'],
      [{ chat: { messages: 'hello' } }, undefined, 400, 'CHA-VAL-001'],
      [
        { chat: { messages: Array.from({ length: 21 }, () => ({ role: 'customer', text: 'x' })) } },
        undefined,
        413,
        'CHA-VAL-003',
      ],
      [chat, { 'x-tenant-id': 'acme', 'x-idempotency-key': 'a'.repeat(129) }, 400, 'INV-VAL-005'],
    ];
    for (const [body, headers, status, code] of cases) {
      const answer = await submit(body, headers);
      expect([answer.status, answer.body.error?.code]).toEqual([status, code]);
      expect(answer.body.error.message).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await queued()).toBe(0);
  });

  it('answers 503 without a job id when the broker cannot take the job', async () => {
    await broker.close();
    const { status, body } = await submit(chat);
    expect(status).toBe(503);
    expect(body.data).toBeNull();
    expect(body.error.category).toBe('TRANSIENT');
  });
});

describe('GET /api/v1/chat-analysis/jobs/{jobId}', () => {
  it('shows a job only to its own tenant', async () => {
    const { body } = await submit(chat);
    const jobId = body.data.jobId as string;
    expect((await view(jobId, 'acme')).status).toBe(200);
    for (const [id, tenant] of [
      [jobId, 'other'],
      ['01ARZ3NDEKTSV4RRFFQ69G5FAV', 'acme'],
      ['not-a-job', 'acme'],
    ] as const) {
      const answer = await view(id, tenant);
      expect([answer.status, answer.body.error.code]).toEqual([404, 'INV-DATA-002']);
    }
  });

  it('reports done with the result once a consumer has processed the job', async () => {
    const consumer: JobConsumer<ChatAnalysisJobMessage> = await startChatAnalysisConsumer({
      config,
      logger,
      broker,
      topology,
      statuses,
      guard: new IdempotencyGuard({ store: new MemoryKeyValueStore() }),
    });
    try {
      const { body } = await submit(chat);
      const jobId = body.data.jobId as string;
      let current = await view(jobId);
      const deadline = Date.now() + 10_000;
      while (current.body.data.status !== JobStatus.Done && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        current = await view(jobId);
      }
      expect(current.body.data).toMatchObject({ status: JobStatus.Done, attempts: 1 });
      expect(current.body.data.result.intent.label).toBeTypeOf('string');
      expect(current.body.data.result.entities.some((entity: { type: string }) => entity.type === 'order_number')).toBe(
        true,
      );
    } finally {
      await consumer.close();
    }
  });
});
