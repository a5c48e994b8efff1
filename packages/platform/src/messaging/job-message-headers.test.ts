import { MessageHeaderNames as H } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { contextFromHeaders } from '../context/context-from-headers.js';
import { parseTraceParent } from '../context/trace-ids.js';
import { contextFromMessage } from './consumer/message-context.js';
import { jobMessageHeaders } from './job-message-headers.js';

describe('jobMessageHeaders', () => {
  it('carries tenant, chat, request and trace into the consumer, which continues the trace', () => {
    const request = contextFromHeaders({ 'x-tenant-id': 'acme', 'x-chat-id': 'chat-9' });
    const headers = jobMessageHeaders(request, { schemaVersion: '1' });
    expect(headers).toMatchObject({
      [H.TenantId]: 'acme',
      [H.ChatId]: 'chat-9',
      [H.RequestId]: request.requestId,
      [H.CorrelationId]: request.requestId,
      [H.TraceId]: request.traceId,
      [H.SchemaVersion]: '1',
      [H.RetryCount]: '0',
      [H.MaxRetries]: '5',
    });
    const publishSpan = parseTraceParent(headers[H.TraceParent]);
    expect(publishSpan?.traceId).toBe(request.traceId);
    expect(publishSpan?.parentSpanId).not.toBe(request.spanId);

    const consumer = contextFromMessage(headers, Date.now());
    expect(consumer).toMatchObject({ tenantId: 'acme', chatId: 'chat-9', requestId: request.requestId });
    expect(consumer.traceId).toBe(request.traceId);
    expect(consumer.parentSpanId).toBe(publishSpan?.parentSpanId);
  });

  it('leaves out identities the request did not have', () => {
    const headers = jobMessageHeaders(contextFromHeaders({}), { schemaVersion: '2', maxRetries: 1 });
    expect(headers[H.TenantId]).toBeUndefined();
    expect(headers[H.ChatId]).toBeUndefined();
    expect(headers[H.MaxRetries]).toBe('1');
  });

  it('rejects a message whose identity headers no request could carry', () => {
    expect(() => contextFromMessage({ [H.TenantId]: 'has spaces and ;' }, 0)).toThrow(
      expect.objectContaining({ code: 'INV-BUS-005' }),
    );
  });
});
