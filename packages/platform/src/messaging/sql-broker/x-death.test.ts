import { describe, expect, it } from 'vitest';
import type { MessageHeaders } from '../broker/broker.js';
import { withDeath, type DeathEvent } from './x-death.js';

const expired: DeathEvent = {
  queue: 'invekto.retry.2s',
  reason: 'expired',
  exchange: 'invekto.retry',
  routingKey: '2s.chat-analysis',
  time: 1_700_000_010_000,
};

describe('withDeath', () => {
  it('adds the first x-death entry and the x-first-death-* headers, keeping the other headers', () => {
    const headers: MessageHeaders = { 'x-tenant-id': 't-1', 'x-retry-count': 1 };
    expect(withDeath(headers, expired)).toEqual({
      'x-tenant-id': 't-1',
      'x-retry-count': 1,
      'x-death': [
        {
          count: 1,
          reason: 'expired',
          queue: 'invekto.retry.2s',
          time: 1_700_000_010_000,
          exchange: 'invekto.retry',
          'routing-keys': ['2s.chat-analysis'],
        },
      ],
      'x-first-death-reason': 'expired',
      'x-first-death-queue': 'invekto.retry.2s',
      'x-first-death-exchange': 'invekto.retry',
    });
    expect(headers).toEqual({ 'x-tenant-id': 't-1', 'x-retry-count': 1 });
  });

  it('counts a repeated (queue, reason) in its entry and moves it to the front', () => {
    const once = withDeath({}, expired);
    const rejected = withDeath(once, {
      queue: 'invekto.jobs.chat-analysis',
      reason: 'rejected',
      exchange: 'invekto.direct',
      routingKey: '2s.chat-analysis',
      time: 1_700_000_020_000,
    });
    const twice = withDeath(rejected, { ...expired, time: 1_700_000_030_000 });
    const deaths = twice['x-death'] as Record<string, unknown>[];
    expect(deaths.map((entry) => [entry['queue'], entry['reason'], entry['count'], entry['time']])).toEqual([
      ['invekto.retry.2s', 'expired', 2, 1_700_000_030_000],
      ['invekto.jobs.chat-analysis', 'rejected', 1, 1_700_000_020_000],
    ]);
    expect(twice['x-first-death-reason']).toBe('expired');
  });

  it('keeps separate entries for the same queue with different reasons', () => {
    const headers = withDeath(withDeath({}, expired), { ...expired, reason: 'rejected' });
    expect((headers['x-death'] as Record<string, unknown>[]).map((entry) => entry['reason'])).toEqual([
      'rejected',
      'expired',
    ]);
  });

  it('replaces an x-death header that is not an array', () => {
    const headers = withDeath({ 'x-death': 'garbage' }, expired);
    expect(headers['x-death']).toHaveLength(1);
  });
});
