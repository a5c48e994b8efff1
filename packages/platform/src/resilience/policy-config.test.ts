import { describe, expect, it } from 'vitest';
import { PolicyConfigError, resolvePolicyOptions, type PolicyOverrides } from './policy-config.js';
import { PolicyNames, type PolicyName } from './policy-names.js';
import { DEFAULT_POLICY_OPTIONS } from './policy-options.js';

function configError(name: PolicyName, overrides: unknown): PolicyConfigError {
  try {
    resolvePolicyOptions(name, overrides as PolicyOverrides);
  } catch (error) {
    if (error instanceof PolicyConfigError) return error;
    throw error;
  }
  throw new Error('expected a PolicyConfigError');
}

describe('DEFAULT_POLICY_OPTIONS', () => {
  it('pins SyncMicroservice to seed 000 §2.2 / §2.8', () => {
    expect(DEFAULT_POLICY_OPTIONS.SyncMicroservice).toEqual({
      timeoutMs: 600,
      attemptTimeoutsMs: [100, 50],
      retry: {
        retries: 1,
        backoff: 'constant',
        baseDelayMs: 25,
        maxJitterMs: 25,
        maxDelayMs: 50,
        transientHttpStatuses: [408, 502, 503, 504],
      },
      circuitBreaker: {
        enabled: true,
        failureThreshold: 0.5,
        samplingDurationMs: 30_000,
        minimumThroughput: 10,
        breakDurationMs: 30_000,
      },
      bulkhead: { enabled: true, maxConcurrency: 50, maxQueue: 100 },
    });
  });

  it('pins the other policies to §2.8 and App. G.2', () => {
    const { RedisOperation, ExternalApi, DatabaseQuery, AsyncJob } = DEFAULT_POLICY_OPTIONS;
    expect([RedisOperation.timeoutMs, RedisOperation.retry.retries, RedisOperation.retry.baseDelayMs]).toEqual([
      100, 1, 10,
    ]);
    expect(RedisOperation.circuitBreaker).toMatchObject({
      failureThreshold: 0.3,
      samplingDurationMs: 15_000,
      breakDurationMs: 15_000,
      minimumThroughput: 20,
    });

    expect([ExternalApi.timeoutMs, ExternalApi.attemptTimeoutsMs, ExternalApi.retry.retries]).toEqual([
      30_000,
      [10_000],
      3,
    ]);
    expect(ExternalApi.retry).toMatchObject({
      backoff: 'exponential',
      baseDelayMs: 1000,
      transientHttpStatuses: [429, 500, 502, 503, 504],
    });
    expect(ExternalApi.circuitBreaker).toMatchObject({
      failureThreshold: 0.5,
      samplingDurationMs: 60_000,
      breakDurationMs: 60_000,
      minimumThroughput: 5,
    });
    expect(ExternalApi.bulkhead).toEqual({ enabled: true, maxConcurrency: 20, maxQueue: 50 });

    expect([DatabaseQuery.timeoutMs, DatabaseQuery.retry.retries]).toEqual([30_000, 3]);
    expect(DatabaseQuery.circuitBreaker).toMatchObject({
      failureThreshold: 0.5,
      samplingDurationMs: 30_000,
      breakDurationMs: 30_000,
    });

    expect([AsyncJob.timeoutMs, AsyncJob.retry.retries, AsyncJob.circuitBreaker.enabled]).toEqual([300_000, 0, false]);
  });

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(DEFAULT_POLICY_OPTIONS.SyncMicroservice.retry)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY_OPTIONS.SyncMicroservice.attemptTimeoutsMs)).toBe(true);
  });

  it('every default set passes its own validation', () => {
    for (const name of Object.values(PolicyNames))
      expect(resolvePolicyOptions(name)).toEqual(DEFAULT_POLICY_OPTIONS[name]);
  });
});

describe('resolvePolicyOptions', () => {
  it('deep-merges a partial override and keeps every other default', () => {
    const options = resolvePolicyOptions('SyncMicroservice', {
      retry: { baseDelayMs: 30 },
      circuitBreaker: { minimumThroughput: 20 },
    });
    expect(options.retry).toEqual({ ...DEFAULT_POLICY_OPTIONS.SyncMicroservice.retry, baseDelayMs: 30 });
    expect(options.circuitBreaker.minimumThroughput).toBe(20);
    expect(options.circuitBreaker.failureThreshold).toBe(0.5);
    expect(options.timeoutMs).toBe(600);
  });

  it('replaces arrays whole', () => {
    expect(resolvePolicyOptions('SyncMicroservice', { attemptTimeoutsMs: [200] }).attemptTimeoutsMs).toEqual([200]);
    expect(
      resolvePolicyOptions('SyncMicroservice', { retry: { transientHttpStatuses: [503] } }).retry.transientHttpStatuses,
    ).toEqual([503]);
  });

  it('accepts retries: 0 (seed 001)', () => {
    expect(resolvePolicyOptions('SyncMicroservice', { retry: { retries: 0 } }).retry.retries).toBe(0);
  });

  it('returns a frozen copy and leaves the defaults alone', () => {
    const options = resolvePolicyOptions('SyncMicroservice', { timeoutMs: 800 });
    expect(Object.isFrozen(options.retry)).toBe(true);
    expect(DEFAULT_POLICY_OPTIONS.SyncMicroservice.timeoutMs).toBe(600);
  });

  it.each([
    [{ retry: { retries: -1 } }, 'SyncMicroservice.retry.retries'],
    [{ retry: { retries: 1.5 } }, 'SyncMicroservice.retry.retries'],
    [{ retry: { retry: 1 } }, 'SyncMicroservice.retry.retry'],
    [{ timeout: 600 }, 'SyncMicroservice.timeout'],
    [{ timeoutMs: '600' }, 'SyncMicroservice.timeoutMs'],
    [{ timeoutMs: 0 }, 'SyncMicroservice.timeoutMs'],
    [{ attemptTimeoutsMs: [100, -5] }, 'SyncMicroservice.attemptTimeoutsMs[1]'],
    [{ attemptTimeoutsMs: 100 }, 'SyncMicroservice.attemptTimeoutsMs'],
    [{ retry: 'none' }, 'SyncMicroservice.retry'],
    [{ retry: { backoff: 'linear' } }, 'SyncMicroservice.retry.backoff'],
    [{ retry: { maxDelayMs: 10 } }, 'SyncMicroservice.retry.maxDelayMs'],
    [{ retry: { transientHttpStatuses: [503, 700] } }, 'SyncMicroservice.retry.transientHttpStatuses[1]'],
    [{ circuitBreaker: { failureThreshold: 50 } }, 'SyncMicroservice.circuitBreaker.failureThreshold'],
    [{ circuitBreaker: { failureThreshold: 0 } }, 'SyncMicroservice.circuitBreaker.failureThreshold'],
    [{ circuitBreaker: { samplingDurationMs: 500 } }, 'SyncMicroservice.circuitBreaker.samplingDurationMs'],
    [{ circuitBreaker: { minimumThroughput: 0 } }, 'SyncMicroservice.circuitBreaker.minimumThroughput'],
    [{ bulkhead: { maxConcurrency: 0 } }, 'SyncMicroservice.bulkhead.maxConcurrency'],
  ])('rejects %j naming %s', (overrides, field) => {
    const error = configError('SyncMicroservice', overrides);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('rejects a name that is not a named policy', () => {
    expect(configError('Nope' as PolicyName, {}).field).toBe('Nope');
  });
});
