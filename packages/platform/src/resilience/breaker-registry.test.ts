import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionRefused, hangUntilAborted, track } from './__fixtures__/calls.js';
import { BreakerRegistry, breakerKey } from './breaker-registry.js';
import { PolicyConfigError, resolvePolicyOptions } from './policy-config.js';
import { isBreakerOpenError } from './policy-errors.js';
import { createPolicy, type ResiliencePolicy } from './resilience-policy.js';

const T0 = new Date('2025-01-01T00:00:00Z').getTime();
const KEY = 'SyncMicroservice:chat-analysis';
let registry: BreakerRegistry;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  registry = new BreakerRegistry();
});

afterEach(() => {
  vi.useRealTimers();
});

function syncPolicy(dependency = 'chat-analysis'): ResiliencePolicy {
  return createPolicy('SyncMicroservice', dependency, { retry: { retries: 0 } }, { registry, random: () => 0 });
}

async function failTimes(policy: ResiliencePolicy, times: number): Promise<void> {
  for (let i = 0; i < times; i++)
    await policy.execute(() => Promise.reject(connectionRefused())).catch(() => undefined);
}

describe('BreakerRegistry', () => {
  it('keys breakers by policy:dependency', () => {
    expect(breakerKey('RedisOperation', 'cache')).toBe('RedisOperation:cache');
  });

  it('shares one breaker between policies with the same key, and only them', async () => {
    const a = syncPolicy();
    const b = syncPolicy();
    const other = syncPolicy('billing');
    await failTimes(a, 5);
    await failTimes(b, 5);

    expect(b.breakerState).toBe('open');
    expect(isBreakerOpenError(await a.execute(() => Promise.resolve(1)).catch((error: unknown) => error))).toBe(true);
    await expect(other.execute(() => Promise.resolve('billing ok'))).resolves.toBe('billing ok');
    expect(registry.snapshot().map((s) => [s.key, s.state])).toEqual([
      [KEY, 'open'],
      ['SyncMicroservice:billing', 'closed'],
    ]);
  });

  it('reports state, last transition, opens, when it half-opens and the window', async () => {
    const policy = syncPolicy();
    expect(registry.get(KEY)).toEqual({
      key: KEY,
      policy: 'SyncMicroservice',
      dependency: 'chat-analysis',
      state: 'closed',
      lastTransitionAt: undefined,
      opens: 0,
      halfOpenAt: undefined,
      failures: 0,
      successes: 0,
      options: resolvePolicyOptions('SyncMicroservice').circuitBreaker,
    });

    await vi.advanceTimersByTimeAsync(1000);
    await policy.execute(() => Promise.resolve('ok'));
    await failTimes(policy, 9);
    expect(registry.get(KEY)).toMatchObject({
      state: 'open',
      lastTransitionAt: T0 + 1000,
      opens: 1,
      halfOpenAt: T0 + 31_000,
      failures: 9,
      successes: 1,
    });

    await vi.advanceTimersByTimeAsync(30_000);
    // cockatiel half-opens lazily: the state stays `open` until a call probes it.
    expect(registry.get(KEY)?.state).toBe('open');
    const probe = track(policy.execute((signal) => hangUntilAborted(signal)));
    await vi.advanceTimersByTimeAsync(0);
    expect(registry.get(KEY)).toMatchObject({
      state: 'half-open',
      lastTransitionAt: T0 + 31_000,
      halfOpenAt: undefined,
    });

    await vi.advanceTimersByTimeAsync(100);
    expect(probe.settled).toBe(true);
    expect(registry.get(KEY)).toMatchObject({
      state: 'open',
      lastTransitionAt: T0 + 31_100,
      opens: 2,
      halfOpenAt: T0 + 61_100,
    });
  });

  it('while the probe runs, other calls wait for its verdict instead of reaching the dependency', async () => {
    const policy = syncPolicy();
    await failTimes(policy, 10);
    await vi.advanceTimersByTimeAsync(30_000);

    const probe = track(policy.execute((signal) => hangUntilAborted(signal)));
    const waiting = vi.fn(() => Promise.resolve('never runs'));
    const second = track(policy.execute(waiting));
    await vi.advanceTimersByTimeAsync(100);

    expect(probe.settled).toBe(true);
    expect(isBreakerOpenError(second.error)).toBe(true);
    expect(waiting).not.toHaveBeenCalled();
  });

  it('isolate holds the breaker open by key: INV-SYS-001 without a retry hint, no call made', async () => {
    const policy = syncPolicy();
    const breaks = vi.fn();
    policy.onBreak(breaks);

    expect(registry.isolate(KEY)).toMatchObject({ state: 'isolated', lastTransitionAt: T0, opens: 0 });
    registry.isolate(KEY);
    const fn = vi.fn(() => Promise.resolve('ok'));
    await vi.advanceTimersByTimeAsync(120_000);
    const error = await policy.execute(fn).catch((e: unknown) => e);

    expect(isBreakerOpenError(error)).toBe(true);
    expect(error).toMatchObject({
      retryAfterMs: undefined,
      details: `circuit breaker ${KEY} is isolated by an operator`,
    });
    expect(fn).not.toHaveBeenCalled();
    expect(breaks.mock.calls).toEqual([
      [
        {
          policy: 'SyncMicroservice',
          dependency: 'chat-analysis',
          key: KEY,
          isolated: true,
          error: undefined,
          breakDurationMs: 0,
        },
      ],
    ]);
  });

  it('reset releases an isolation', async () => {
    const policy = syncPolicy();
    registry.isolate(KEY);
    const resets = vi.fn();
    policy.onReset(resets);

    expect(registry.reset(KEY)).toMatchObject({ state: 'closed' });
    expect(resets).toHaveBeenCalledTimes(1);
    await expect(policy.execute(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('reset closes an open breaker, forgets its samples and reports no extra break', async () => {
    const policy = syncPolicy();
    await failTimes(policy, 10);
    const events: string[] = [];
    policy.onBreak(() => events.push('break'));
    policy.onReset(() => events.push('reset'));

    expect(registry.reset(KEY)).toMatchObject({ state: 'closed', failures: 0, successes: 0, opens: 1 });
    expect(events).toEqual(['reset']);

    await failTimes(policy, 9);
    expect(policy.breakerState).toBe('closed');
  });

  it('isolate and reset answer undefined for an unknown key', () => {
    expect(registry.isolate('SyncMicroservice:nope')).toBeUndefined();
    expect(registry.reset('SyncMicroservice:nope')).toBeUndefined();
    expect(registry.get('SyncMicroservice:nope')).toBeUndefined();
  });

  it('refuses a second configuration for the same breaker', () => {
    syncPolicy();
    expect(() =>
      createPolicy('SyncMicroservice', 'chat-analysis', { circuitBreaker: { minimumThroughput: 3 } }, { registry }),
    ).toThrow(PolicyConfigError);
    expect(() =>
      createPolicy('SyncMicroservice', 'chat-analysis', { retry: { retries: 0 } }, { registry }),
    ).not.toThrow();
  });

  it('keeps registries independent: nothing is shared through module state', async () => {
    const elsewhere = new BreakerRegistry();
    const here = syncPolicy();
    const there = createPolicy('SyncMicroservice', 'chat-analysis', { retry: { retries: 0 } }, { registry: elsewhere });
    await failTimes(here, 10);
    expect(here.breakerState).toBe('open');
    expect(there.breakerState).toBe('closed');
    expect(elsewhere.get(KEY)?.state).toBe('closed');
  });
});
