import { InvektoError } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-backoff.js';
import { DEFAULT_POLICY_OPTIONS } from './policy-options.js';

const sync = DEFAULT_POLICY_OPTIONS.SyncMicroservice.retry;
const external = DEFAULT_POLICY_OPTIONS.ExternalApi.retry;
const fixed = (value: number) => () => value;

describe('retryDelayMs', () => {
  it('waits 25 ms plus 0-25 ms jitter before a SyncMicroservice retry (seed 000 §2.2)', () => {
    expect(retryDelayMs(1, sync, fixed(0))).toBe(25);
    expect(retryDelayMs(1, sync, fixed(0.5))).toBe(38);
    expect(retryDelayMs(1, sync, fixed(0.999_999))).toBe(50);
    expect(retryDelayMs(1, sync, fixed(1))).toBe(50);
  });

  it('keeps constant backoff constant across retries', () => {
    const sequence = [1, 2, 3].map((retry) => retryDelayMs(retry, { ...sync, maxJitterMs: 0 }, fixed(0.7)));
    expect(sequence).toEqual([25, 25, 25]);
  });

  it('doubles exponential backoff from 1 s for ExternalApi', () => {
    expect([1, 2, 3].map((retry) => retryDelayMs(retry, external, fixed(0)))).toEqual([1000, 2000, 4000]);
    expect([1, 2, 3].map((retry) => retryDelayMs(retry, external, fixed(0.5)))).toEqual([1250, 2250, 4250]);
  });

  it('caps every wait at maxDelayMs', () => {
    expect(retryDelayMs(5, external, fixed(0))).toBe(10_000);
  });

  it('honours a retryAfterMs hint up to maxDelayMs', () => {
    expect(retryDelayMs(1, external, fixed(0), new InvektoError('INV-NET-004', { retryAfterMs: 3000 }))).toBe(3000);
    expect(retryDelayMs(1, external, fixed(0), new InvektoError('INV-NET-004', { retryAfterMs: 60_000 }))).toBe(10_000);
    expect(retryDelayMs(1, external, fixed(0), new InvektoError('INV-NET-004', { retryAfterMs: 10 }))).toBe(1000);
  });
});
