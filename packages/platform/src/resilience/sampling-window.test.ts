import { CircuitState, SamplingBreaker } from 'cockatiel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SamplingWindow, samplingGeometry, toMinimumRps } from './sampling-window.js';

const closed = CircuitState.Closed;

function record(
  breaker: { success(s: CircuitState): void; failure(s: CircuitState): boolean },
  outcomes: string,
): boolean[] {
  return [...outcomes].map((outcome) => (outcome === 'F' ? breaker.failure(closed) : (breaker.success(closed), false)));
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SamplingWindow', () => {
  it.each([
    [10, 30_000],
    [20, 15_000],
    [5, 60_000],
    [7, 9_000],
    [3, 11_000],
  ])(
    'opens on the %i-th call of a %i ms window, not before (minimum throughput)',
    (minimumThroughput, samplingDurationMs) => {
      const window = new SamplingWindow({ failureThreshold: 0.5, samplingDurationMs, minimumThroughput });
      const decisions = record(window, 'F'.repeat(minimumThroughput));
      expect(decisions.slice(0, -1).every((open) => !open)).toBe(true);
      expect(decisions.at(-1)).toBe(true);
    },
  );

  it('regression: the naive calls-per-second conversion misses the 7th call of a 9 s window', () => {
    const naive = new SamplingBreaker({ threshold: 0.5, duration: 9_000, minimumRps: 7 / 9 });
    expect(record(naive, 'FFFFFFF').at(-1)).toBe(false);
    expect(toMinimumRps(7, 9_000) * 9).toBeCloseTo(6.5);
  });

  it('opens at exactly 50 % failures once the minimum throughput is reached (Polly semantics)', () => {
    const window = new SamplingWindow({ failureThreshold: 0.5, samplingDurationMs: 30_000, minimumThroughput: 10 });
    expect(record(window, 'SSSSSFFFFF')).toEqual([false, false, false, false, false, false, false, false, false, true]);
  });

  it('stays closed at 40 % failures', () => {
    const window = new SamplingWindow({ failureThreshold: 0.5, samplingDurationMs: 30_000, minimumThroughput: 10 });
    expect(record(window, 'SSSSSSFFFF').some(Boolean)).toBe(false);
    expect(window.counts()).toEqual({ failures: 4, successes: 6 });
  });

  it('opens RedisOperation at 30 % of 20 calls and not at 25 %', () => {
    const at30 = new SamplingWindow({ failureThreshold: 0.3, samplingDurationMs: 15_000, minimumThroughput: 20 });
    expect(record(at30, 'S'.repeat(14) + 'FFFFFF').at(-1)).toBe(true);
    const at25 = new SamplingWindow({ failureThreshold: 0.3, samplingDurationMs: 15_000, minimumThroughput: 20 });
    expect(record(at25, 'S'.repeat(15) + 'FFFFF').some(Boolean)).toBe(false);
  });

  it('still counts failures from earlier in the window', () => {
    const window = new SamplingWindow({ failureThreshold: 0.5, samplingDurationMs: 30_000, minimumThroughput: 10 });
    record(window, 'FFFFF');
    vi.advanceTimersByTime(20_000);
    expect(record(window, 'FFFFF').at(-1)).toBe(true);
  });

  it('forgets failures older than the window, which cockatiel alone keeps after a quiet spell', () => {
    const options = { failureThreshold: 0.5, samplingDurationMs: 30_000, minimumThroughput: 10 };
    const window = new SamplingWindow(options);
    const raw = new SamplingBreaker({ threshold: 0.5, duration: 30_000, minimumRps: toMinimumRps(10, 30_000) });
    record(window, 'FFFFFFFFF');
    record(raw, 'FFFFFFFFF');
    vi.advanceTimersByTime(30_000);
    expect(record(raw, 'F')).toEqual([true]);
    expect(record(window, 'F')).toEqual([false]);
    expect(window.counts()).toEqual({ failures: 1, successes: 0 });
  });

  it('clear() forgets every sample', () => {
    const window = new SamplingWindow({ failureThreshold: 0.5, samplingDurationMs: 30_000, minimumThroughput: 10 });
    record(window, 'FFFFFFFFF');
    window.clear();
    expect(window.counts()).toEqual({ failures: 0, successes: 0 });
    expect(record(window, 'F')).toEqual([false]);
  });

  it('reproduces the bucket layout of SamplingBreaker', () => {
    expect(samplingGeometry(30_000)).toEqual({ buckets: 30, bucketMs: 1000, windowMs: 30_000 });
    expect(samplingGeometry(2_500)).toEqual({ buckets: 5, bucketMs: 500, windowMs: 2_500 });
    expect(samplingGeometry(10_500)).toEqual({ buckets: 11, bucketMs: 955, windowMs: 10_505 });
  });
});
