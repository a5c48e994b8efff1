import { describe, expect, it } from 'vitest';
import { currentContext, runWithContext } from './context-storage.js';
import { contextFromHeaders } from './context-from-headers.js';
import { contextToHeaders } from './context-to-headers.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

describe('contextFromHeaders', () => {
  it('reads identity, request and idempotency headers', () => {
    const context = contextFromHeaders(
      {
        'x-tenant-id': 'acme',
        'x-chat-id': 'chat-42',
        'x-user-id': 'u@acme',
        'x-request-id': 'req-1',
        'x-idempotency-key': 'idem:1',
      },
      1_700_000_000_000,
    );
    expect(context).toMatchObject({
      tenantId: 'acme',
      chatId: 'chat-42',
      userId: 'u@acme',
      requestId: 'req-1',
      idempotencyKey: 'idem:1',
      receivedAt: 1_700_000_000_000,
    });
    expect(context.spanId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('generates a ULID request id and a new trace when none is sent', () => {
    const context = contextFromHeaders({});
    expect(context.requestId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(context.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(context.parentSpanId).toBeUndefined();
  });

  it('continues a W3C traceparent', () => {
    const context = contextFromHeaders({ traceparent: `00-${TRACE}-${PARENT}-01` });
    expect(context.traceId).toBe(TRACE);
    expect(context.parentSpanId).toBe(PARENT);
    expect(context.spanId).not.toBe(PARENT);
  });

  it('honours X-Trace-Id when there is no traceparent, and prefers traceparent when both are sent', () => {
    expect(contextFromHeaders({ 'x-trace-id': TRACE.toUpperCase() }).traceId).toBe(TRACE);
    const other = 'a'.repeat(32);
    expect(contextFromHeaders({ 'x-trace-id': other, traceparent: `00-${TRACE}-${PARENT}-01` }).traceId).toBe(TRACE);
  });

  it.each([
    `00-${'0'.repeat(32)}-${PARENT}-01`,
    `00-${TRACE}-${'0'.repeat(16)}-01`,
    `ff-${TRACE}-${PARENT}-01`,
    `00-${TRACE}-${PARENT}-01-extra`,
    'garbage',
  ])('ignores the invalid traceparent %j and starts a new trace', (traceparent) => {
    const context = contextFromHeaders({ traceparent });
    expect(context.traceId).not.toBe(TRACE);
    expect(context.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ['x-tenant-id', 'acme tenant'],
    ['x-tenant-id', 'a'.repeat(129)],
    ['x-chat-id', '../../etc'],
    ['x-request-id', 'line\nbreak'],
    ['x-idempotency-key', '{"json":1}'],
  ])('rejects %s = %j with INV-VAL-005', (header, value) => {
    expect(() => contextFromHeaders({ [header]: value })).toThrowError(
      expect.objectContaining({ code: 'INV-VAL-005' }),
    );
  });

  it('rejects an identity header sent twice', () => {
    expect(() => contextFromHeaders({ 'x-tenant-id': ['a', 'b'] })).toThrowError(
      expect.objectContaining({ code: 'INV-VAL-005' }),
    );
  });
});

describe('contextToHeaders', () => {
  it('writes the context for an outgoing call with this span as the parent', () => {
    const context = contextFromHeaders({
      'x-tenant-id': 'acme',
      'x-chat-id': 'c1',
      traceparent: `00-${TRACE}-${PARENT}-01`,
    });
    const headers = contextToHeaders(context);
    expect(headers).toMatchObject({
      'x-tenant-id': 'acme',
      'x-chat-id': 'c1',
      'x-request-id': context.requestId,
      'x-trace-id': TRACE,
    });
    expect(headers['traceparent']).toBe(`00-${TRACE}-${context.spanId}-01`);
    const downstream = contextFromHeaders(headers);
    expect(downstream).toMatchObject({
      tenantId: 'acme',
      chatId: 'c1',
      requestId: context.requestId,
      traceId: TRACE,
      parentSpanId: context.spanId,
    });
  });
});

describe('context storage', () => {
  it('follows async work started inside runWithContext', async () => {
    const context = contextFromHeaders({ 'x-tenant-id': 'acme' });
    expect(currentContext()).toBeUndefined();
    const seen = await runWithContext(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentContext();
    });
    expect(seen).toBe(context);
    expect(currentContext()).toBeUndefined();
  });
});
