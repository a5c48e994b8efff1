import { ErrorCategory, InvektoError, MessageHeaderNames as H } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { DlqReason } from './failure-decision.js';
import { deadLetterHeaders, describeFailure, headerCount, retryHeaders, retryHistory } from './failure-headers.js';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const original = {
  [H.MessageId]: '01JD0000000000000000000000',
  [H.TenantId]: 'acme',
  [H.TraceId]: 'a'.repeat(32),
  [H.RetryCount]: '0',
  [H.Death]: [{ queue: 'invekto.retry.2s', reason: 'expired', count: 1 }],
};
const transient = describeFailure(new InvektoError('INV-NET-002'), ErrorCategory.Transient);

describe('failure headers', () => {
  it('builds the retry copy: count up, first failure kept, history appended, x-death dropped', () => {
    const first = retryHeaders({
      headers: original,
      failure: transient,
      now: NOW,
      originalQueue: 'invekto.jobs.chat-analysis',
      originalRoutingKey: 'chat-analysis',
      rung: 'invekto.retry.2s',
      attempt: 1,
    });
    expect(first[H.Death]).toBeUndefined();
    expect(first).toMatchObject({
      [H.RetryCount]: '1',
      [H.TenantId]: 'acme',
      [H.FirstFailureAt]: '2026-11-22T10:00:00.000Z',
      [H.ErrorCategory]: 'TRANSIENT',
      [H.OriginalQueue]: 'invekto.jobs.chat-analysis',
      [H.OriginalRoutingKey]: 'chat-analysis',
      [H.MaxRetries]: '5',
    });
    const second = retryHeaders({
      headers: first,
      failure: transient,
      now: NOW + 2_000,
      originalQueue: 'invekto.jobs.chat-analysis',
      originalRoutingKey: 'chat-analysis',
      rung: 'invekto.retry.10s',
      attempt: 2,
    });
    expect(second[H.FirstFailureAt]).toBe('2026-11-22T10:00:00.000Z');
    expect(retryHistory(second).map((entry) => [entry.attempt, entry.rung, entry.code])).toEqual([
      [0, 'invekto.retry.2s', 'INV-NET-002'],
      [1, 'invekto.retry.10s', 'INV-NET-002'],
    ]);
  });

  it('builds the DLQ copy with reason, entry time and last consumer', () => {
    const headers = deadLetterHeaders({
      headers: original,
      failure: describeFailure(new Error('x'.repeat(900)), ErrorCategory.Unknown),
      now: NOW,
      originalQueue: 'invekto.jobs.chat-analysis',
      originalRoutingKey: 'chat-analysis',
      reason: DlqReason.PermanentError,
      consumerId: 'host:1:abc',
    });
    expect(headers).toMatchObject({
      [H.DlqReason]: 'permanent_error',
      [H.DlqEnteredAt]: '2026-11-22T10:00:00.000Z',
      [H.LastConsumer]: 'host:1:abc',
      [H.ErrorCategory]: 'UNKNOWN',
    });
    expect(String(headers[H.LastError])).toHaveLength(500);
    expect(retryHistory(headers)).toEqual([
      expect.objectContaining({ attempt: 0, rung: null, code: 'INV-SYS-003', category: 'UNKNOWN' }),
    ]);
  });

  it('reads counts leniently: numbers or strings, anything else is the fallback', () => {
    expect(headerCount({ n: 3 }, 'n', 0)).toBe(3);
    expect(headerCount({ n: '4' }, 'n', 0)).toBe(4);
    expect(headerCount({ n: '-1' }, 'n', 7)).toBe(7);
    expect(headerCount({ n: 'x' }, 'n', 7)).toBe(7);
    expect(headerCount({}, 'n', 7)).toBe(7);
    expect(retryHistory({ [H.RetryHistory]: 'not json' })).toEqual([]);
  });
});
