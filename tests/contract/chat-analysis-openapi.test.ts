import { buildApp } from '@invekto/chat-analysis';
import { loadConfig } from '@invekto/platform/config';
import type { HttpApp } from '@invekto/platform/http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiValidator } from '../support/openapi-validator.js';
import { captureLogger } from '../support/test-logger.js';

const ANALYZE = '/api/v1/chat-analysis/analyze';
let app: HttpApp;
let validator: OpenApiValidator;
const { logger, capture } = captureLogger('chat-analysis');

beforeAll(async () => {
  app = await buildApp({
    config: loadConfig({ INVEKTO_CHAT_MAX_MESSAGES: '50', INVEKTO_CHAT_MAX_MESSAGE_CHARS: '2000' }),
    logger,
  });
  validator = new OpenApiValidator((await app.inject({ method: 'GET', url: '/openapi.json' })).json());
});
afterAll(() => app.close());

async function post(payload: string | Buffer, contentType = 'application/json') {
  const response = await app.inject({
    method: 'POST',
    url: ANALYZE,
    headers: { 'content-type': contentType },
    payload,
  });
  const body = response.json();
  expect(validator.errors(ANALYZE, 'POST', response.statusCode, body)).toEqual([]);
  return { status: response.statusCode, body };
}

const chat = (messages: unknown[], extra: object = {}) => JSON.stringify({ chat: { messages }, ...extra });
const message = (text: string) => ({ role: 'customer', text, at: '2025-03-11T09:00:00Z' });

describe('POST /api/v1/chat-analysis/analyze against its OpenAPI document', () => {
  it('answers a valid chat with a conforming 200 and deterministic data', async () => {
    const payload = chat([
      message('Merhaba, TY-12345678 numaralı siparişim yarın gelir mi?'),
      { role: 'agent', text: 'Kontrol ediyorum Ayşe Hanım.' },
    ]);
    const first = await post(payload);
    const second = await post(payload);
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.body.data)).toBe(JSON.stringify(second.body.data));
    expect(first.body.meta.processing).toMatchObject({
      analyzerVersion: expect.any(String),
      timingsMs: expect.any(Object),
    });
  });

  it.each([
    ['malformed JSON', '{"chat":', 400, 'CHA-VAL-006'],
    ['JSON null', 'null', 400, 'CHA-VAL-001'],
    ['an array', '[]', 400, 'CHA-VAL-001'],
    ['missing chat', '{}', 400, 'CHA-VAL-001'],
    ['wrong types', chat([{ role: 'customer', text: 42 }]), 400, 'CHA-VAL-001'],
    ['an unknown role', chat([{ role: 'admin', text: 'hi' }]), 400, 'CHA-VAL-001'],
    ['a bad timestamp', chat([{ role: 'customer', text: 'hi', at: 'yesterday' }]), 400, 'CHA-VAL-001'],
    ['a bad locale', chat([message('hi')], { locale: 'klingon' }), 400, 'CHA-VAL-001'],
    ['an empty chat', chat([]), 400, 'CHA-VAL-002'],
    ['too many messages', chat(Array.from({ length: 51 }, () => message('ok'))), 413, 'CHA-VAL-003'],
    ['a too long message', chat([message('a'.repeat(2001))]), 413, 'CHA-VAL-004'],
    ['control characters', chat([message('hi\u0007there')]), 400, 'CHA-VAL-008'],
    ['a lone surrogate', '{"chat":{"messages":[{"role":"customer","text":"bad \\ud800 text"}]}}', 400, 'CHA-VAL-008'],
    ['an empty text', chat([message('   ')]), 400, 'CHA-VAL-009'],
  ])('rejects %s with a conforming 4xx', async (_name, payload, status, code) => {
    const response = await post(payload);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('rejects a wrong content type with CHA-VAL-007', async () => {
    const response = await post('chat=hello', 'application/x-www-form-urlencoded');
    expect(response).toMatchObject({ status: 415, body: { error: { code: 'CHA-VAL-007' } } });
  });

  it('rejects invalid UTF-8 with CHA-VAL-006', async () => {
    const response = await post(
      Buffer.concat([
        Buffer.from('{"chat":{"messages":[{"role":"customer","text":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}]}}'),
      ]),
    );
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'CHA-VAL-006' } } });
  });

  it('rejects an oversized body with CHA-VAL-005', async () => {
    const response = await post(chat(Array.from({ length: 1200 }, () => message('x'.repeat(1900)))));
    expect(response).toMatchObject({ status: 413, body: { error: { code: 'CHA-VAL-005' } } });
  });

  it('never answers generated junk with a 5xx or an envelope that breaks the contract', async () => {
    const role = fc.constantFrom('customer', 'agent', 'bot', 'admin', '', 7);
    const junkMessage = fc.record(
      {
        role,
        text: fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.integer()),
        at: fc.option(
          fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.string(),
          ),
        ),
      },
      { requiredKeys: [] },
    );
    // Well-formed chats with arbitrary text reach the analysers themselves.
    const hostileText = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }),
      fc.stringMatching(/^[0-9 .,:+#/-]{1,300}$/),
    );
    const wellFormed = fc
      .array(fc.record({ role: fc.constantFrom('customer', 'agent', 'bot'), text: hostileText }), {
        minLength: 1,
        maxLength: 10,
      })
      .map((messages) => JSON.stringify({ chat: { messages }, referenceTime: '2025-03-11T21:30:00Z' }));
    const body = fc.oneof(
      wellFormed,
      fc.string({ maxLength: 200 }),
      fc.json(),
      fc
        .record({
          chat: fc.record({ messages: fc.array(junkMessage, { maxLength: 8 }) }, { requiredKeys: [] }),
          locale: fc.option(fc.string()),
        })
        .map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'),
        async (payload, contentType) => {
          const response = await post(payload, contentType);
          expect(response.status).toBeLessThan(500);
          expect(response.body.error?.code ?? 'ok').toMatch(/^(ok|[A-Z]{3}-[A-Z]{3,4}-\d{3})$/);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never logs message text', () => {
    expect(capture.text()).not.toContain('siparişim');
  });
});
