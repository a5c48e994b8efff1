import { ErrorCategory } from '@invekto/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionRefused, hangForever, hangUntilAborted, rejectedByDependency, track } from './__fixtures__/calls.js';
import { BreakerRegistry } from './breaker-registry.js';
import type { PolicyOverrides } from './policy-config.js';
import type { PolicyEvents } from './policy-events.js';
import { isBreakerOpenError, isBulkheadFullError, isDependencyTimeoutError } from './policy-errors.js';
import type { PolicyName } from './policy-names.js';
import { createPolicy, type PolicyCall, type ResiliencePolicy } from './resilience-policy.js';

const T0 = new Date('2025-01-01T00:00:00Z').getTime();
const base = { policy: 'SyncMicroservice', dependency: 'chat-analysis', key: 'SyncMicroservice:chat-analysis' };

let registry: BreakerRegistry;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  registry = new BreakerRegistry();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function syncPolicy(overrides?: PolicyOverrides, random: () => number = () => 0): ResiliencePolicy {
  return createPolicy('SyncMicroservice', 'chat-analysis', overrides, { registry, random });
}

/** Records every event of a policy, in order. */
function recordEvents(
  policy: ResiliencePolicy,
): Array<{ [K in keyof PolicyEvents]: [K, PolicyEvents[K]] }[keyof PolicyEvents]> {
  const events: Array<{ [K in keyof PolicyEvents]: [K, PolicyEvents[K]] }[keyof PolicyEvents]> = [];
  policy.onRetry((e) => events.push(['retry', e]));
  policy.onBreak((e) => events.push(['break', e]));
  policy.onReset((e) => events.push(['reset', e]));
  policy.onHalfOpen((e) => events.push(['halfOpen', e]));
  policy.onBulkheadReject((e) => events.push(['bulkheadReject', e]));
  policy.onTimeout((e) => events.push(['timeout', e]));
  policy.onGiveUp((e) => events.push(['giveUp', e]));
  return events;
}

/** A dependency call that records when each attempt started and how it was asked to stop. */
function scripted<T>(behaviour: (signal: AbortSignal, attempt: number) => Promise<T>) {
  const starts: number[] = [];
  const aborts: number[] = [];
  const signals: AbortSignal[] = [];
  const fn: PolicyCall<T> = (signal, attempt) => {
    starts.push(Date.now() - T0);
    signals.push(signal);
    signal.addEventListener('abort', () => aborts.push(Date.now() - T0), { once: true });
    return behaviour(signal, attempt);
  };
  return { fn, starts, aborts, signals };
}

async function failFast(policy: ResiliencePolicy, times: number, error: () => unknown): Promise<void> {
  for (let i = 0; i < times; i++) {
    await policy
      .execute(() => Promise.reject(error()))
      .then(
        () => undefined,
        () => undefined,
      );
  }
}

describe('retry (SyncMicroservice)', () => {
  it('retries a transient failure exactly once, 25 ms + jitter later, and returns the retry result', async () => {
    const policy = syncPolicy(undefined, () => 0.5);
    const events = recordEvents(policy);
    const first = connectionRefused();
    const call = scripted(async (_signal, attempt) => {
      if (attempt === 0) throw first;
      return 'analysed';
    });

    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(100);

    expect(result).toMatchObject({ settled: true, value: 'analysed', at: T0 + 38 });
    expect(call.starts).toEqual([0, 38]);
    expect(events).toEqual([
      ['retry', { ...base, retry: 1, delayMs: 38, error: first, category: ErrorCategory.Transient }],
    ]);
  });

  it.each([
    [0, 25],
    [0.999_999, 50],
  ])('keeps the wait in [25, 50] ms (random %d -> %i ms)', async (random, delay) => {
    const policy = syncPolicy(undefined, () => random);
    const call = scripted(() => Promise.reject(connectionRefused()));
    track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(200);
    expect(call.starts).toEqual([0, delay]);
  });

  it('draws the jitter from Math.random by default', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.2);
    const policy = createPolicy('SyncMicroservice', 'chat-analysis', undefined, { registry });
    const call = scripted(() => Promise.reject(connectionRefused()));
    track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(200);
    expect(call.starts).toEqual([0, 30]);
  });

  it('gives up after the one retry and rethrows the last error unchanged', async () => {
    const policy = syncPolicy();
    const events = recordEvents(policy);
    const errors = [connectionRefused(), connectionRefused()];
    const call = scripted(async (_signal, attempt) => {
      throw errors[attempt];
    });

    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(200);

    expect(result.error).toBe(errors[1]);
    expect(call.starts).toEqual([0, 25]);
    expect(events.map(([name]) => name)).toEqual(['retry', 'giveUp']);
    expect(events[1]).toEqual(['giveUp', { ...base, attempts: 2, error: errors[1] }]);
  });

  it('never retries a permanent failure', async () => {
    const policy = syncPolicy();
    const events = recordEvents(policy);
    const rejection = rejectedByDependency();
    const call = scripted(() => Promise.reject(rejection));

    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(200);

    expect(result.error).toBe(rejection);
    expect(call.starts).toEqual([0]);
    expect(events).toEqual([]);
  });

  it('does not retry an UNKNOWN failure', async () => {
    const policy = syncPolicy();
    const bug = new Error('undefined is not a function');
    const call = scripted(() => Promise.reject(bug));
    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(200);
    expect(result.error).toBe(bug);
    expect(call.starts).toEqual([0]);
  });

  it('retries: 0 disables retrying (seed 001)', async () => {
    const policy = syncPolicy({ retry: { retries: 0 } });
    const events = recordEvents(policy);
    const failure = connectionRefused();
    const call = scripted(() => Promise.reject(failure));

    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(200);

    expect(result.error).toBe(failure);
    expect(call.starts).toEqual([0]);
    expect(events).toEqual([['giveUp', { ...base, attempts: 1, error: failure }]]);
  });

  it('passes attempt numbers and leaves the signal of a successful attempt unaborted', async () => {
    const policy = syncPolicy();
    const call = scripted(async (_signal, attempt) => {
      if (attempt === 0) throw connectionRefused();
      return attempt;
    });
    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(1000);
    expect(result.value).toBe(1);
    expect(call.signals[1]?.aborted).toBe(false);
  });
});

describe('timeouts (SyncMicroservice)', () => {
  it('cuts the first attempt at 100 ms and the retry at 50 ms, then answers INV-NET-001', async () => {
    const policy = syncPolicy();
    const events = recordEvents(policy);
    const call = scripted((signal) => hangUntilAborted(signal));

    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(1000);

    expect(call.starts).toEqual([0, 125]);
    expect(call.aborts).toEqual([100, 175]);
    expect(result.at).toBe(T0 + 175);
    expect(isDependencyTimeoutError(result.error)).toBe(true);
    expect(result.error).toMatchObject({ details: 'SyncMicroservice:chat-analysis: attempt 1 timed out after 50 ms' });
    expect(events.map(([name, event]) => [name, 'scope' in event ? event.scope : undefined])).toEqual([
      ['timeout', 'attempt'],
      ['retry', undefined],
      ['timeout', 'attempt'],
      ['giveUp', undefined],
    ]);
    expect(events[0]).toEqual(['timeout', { ...base, scope: 'attempt', timeoutMs: 100, attempt: 0 }]);
    expect(events[2]).toEqual(['timeout', { ...base, scope: 'attempt', timeoutMs: 50, attempt: 1 }]);
    expect(events[3]).toEqual(['giveUp', { ...base, attempts: 2, error: result.error }]);
  });

  it('cuts attempts on time even when the call ignores its signal', async () => {
    const policy = syncPolicy();
    const call = scripted(() => hangForever());
    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(1000);
    expect(call.starts).toEqual([0, 125]);
    expect(result.at).toBe(T0 + 175);
    expect(isDependencyTimeoutError(result.error)).toBe(true);
  });

  it('never lets the whole call exceed 600 ms', async () => {
    const policy = syncPolicy({ attemptTimeoutsMs: [1000] });
    const events = recordEvents(policy);
    const call = scripted(() => hangForever());

    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(599);
    expect(result.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    expect(result.at).toBe(T0 + 600);
    expect(call.aborts).toEqual([600]);
    expect(isDependencyTimeoutError(result.error)).toBe(true);
    expect(result.error).toMatchObject({ details: 'SyncMicroservice:chat-analysis: call timed out after 600 ms' });
    expect(events).toContainEqual(['timeout', { ...base, scope: 'overall', timeoutMs: 600 }]);
    expect(events.filter(([name]) => name === 'timeout')).toHaveLength(1);
  });

  it('cuts a retry that would run past 600 ms at 600 ms', async () => {
    const policy = syncPolicy({ attemptTimeoutsMs: [400] });
    const call = scripted((signal) => hangUntilAborted(signal));
    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(1000);
    expect(call.starts).toEqual([0, 425]);
    expect(call.aborts).toEqual([400, 600]);
    expect(result.at).toBe(T0 + 600);
    expect(isDependencyTimeoutError(result.error)).toBe(true);
  });

  it('does not start a retry once the budget is spent', async () => {
    const policy = syncPolicy({ attemptTimeoutsMs: [590] });
    const call = scripted((signal) => hangUntilAborted(signal));
    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(2000);
    expect(call.starts).toEqual([0]);
    expect(result.at).toBe(T0 + 600);
    expect(isDependencyTimeoutError(result.error)).toBe(true);
  });
});

describe('circuit breaker (SyncMicroservice)', () => {
  const noRetry: PolicyOverrides = { retry: { retries: 0 } };

  it('stays closed below the minimum throughput even at 100 % failures, opens on the 10th call', async () => {
    const policy = syncPolicy(noRetry);
    const events = recordEvents(policy);
    await failFast(policy, 9, connectionRefused);
    expect(policy.breakerState).toBe('closed');

    const tenth = connectionRefused();
    await policy.execute(() => Promise.reject(tenth)).catch(() => undefined);

    expect(policy.breakerState).toBe('open');
    expect(events.filter(([name]) => name === 'break')).toEqual([
      ['break', { ...base, isolated: false, error: tenth, breakDurationMs: 30_000 }],
    ]);
  });

  it('opens at exactly 50 % failures over the window and not at 40 %', async () => {
    const ok = (): Promise<string> => Promise.resolve('ok');
    const at40 = syncPolicy(noRetry);
    for (let i = 0; i < 6; i++) await at40.execute(ok);
    await failFast(at40, 4, connectionRefused);
    expect(at40.breakerState).toBe('closed');

    const at50 = createPolicy('SyncMicroservice', 'other', noRetry, { registry });
    for (let i = 0; i < 5; i++) await at50.execute(ok);
    await failFast(at50, 4, connectionRefused);
    expect(at50.breakerState).toBe('closed');
    await failFast(at50, 1, connectionRefused);
    expect(at50.breakerState).toBe('open');
  });

  it('fails fast with INV-SYS-001 for the whole break without calling the dependency', async () => {
    const policy = syncPolicy(noRetry);
    await failFast(policy, 10, connectionRefused);
    const fn = vi.fn(() => Promise.resolve('ok'));

    const atOnce = await policy.execute(fn).catch((error: unknown) => error);
    expect(isBreakerOpenError(atOnce)).toBe(true);
    expect(atOnce).toMatchObject({ retryAfterMs: 30_000, httpStatus: 503 });

    await vi.advanceTimersByTimeAsync(29_999);
    const justBefore = await policy.execute(fn).catch((error: unknown) => error);
    expect(isBreakerOpenError(justBefore)).toBe(true);
    expect(justBefore).toMatchObject({ retryAfterMs: 1 });
    expect(fn).not.toHaveBeenCalled();
  });

  it('half-opens after the break and closes on a successful probe', async () => {
    const policy = syncPolicy(noRetry);
    await failFast(policy, 10, connectionRefused);
    const events = recordEvents(policy);

    await vi.advanceTimersByTimeAsync(30_000);
    await expect(policy.execute(() => Promise.resolve('ok'))).resolves.toBe('ok');

    expect(policy.breakerState).toBe('closed');
    expect(events).toEqual([
      ['halfOpen', base],
      ['reset', base],
    ]);
    await expect(policy.execute(() => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('reopens when the half-open probe fails', async () => {
    const policy = syncPolicy(noRetry);
    await failFast(policy, 10, connectionRefused);
    const events = recordEvents(policy);

    await vi.advanceTimersByTimeAsync(30_000);
    const probeFailure = connectionRefused();
    await expect(policy.execute(() => Promise.reject(probeFailure))).rejects.toBe(probeFailure);

    expect(policy.breakerState).toBe('open');
    expect(events).toEqual([
      ['halfOpen', base],
      ['break', { ...base, isolated: false, error: probeFailure, breakDurationMs: 30_000 }],
      ['giveUp', { ...base, attempts: 1, error: probeFailure }],
    ]);
    expect(registry.get(policy.key)?.opens).toBe(2);
    const fn = vi.fn(() => Promise.resolve('ok'));
    expect(isBreakerOpenError(await policy.execute(fn).catch((error: unknown) => error))).toBe(true);
    expect(fn).not.toHaveBeenCalled();
  });

  it('counts a call once, after its retries', async () => {
    const policy = syncPolicy();
    const flaky = (): PolicyCall<string> => async (_signal, attempt) => {
      if (attempt === 0) throw connectionRefused();
      return 'ok';
    };
    for (let i = 0; i < 10; i++) {
      const result = track(policy.execute(flaky()));
      await vi.advanceTimersByTimeAsync(100);
      expect(result.value).toBe('ok');
    }
    expect(registry.get(policy.key)).toMatchObject({ state: 'closed', failures: 0, successes: 10 });
  });

  it('does not count permanent failures: a caller sending bad requests cannot open it', async () => {
    const policy = syncPolicy(noRetry);
    await failFast(policy, 20, rejectedByDependency);
    expect(policy.breakerState).toBe('closed');
    expect(registry.get(policy.key)).toMatchObject({ failures: 0 });
  });

  it('counts UNKNOWN failures and timeouts', async () => {
    const policy = syncPolicy(noRetry);
    await failFast(policy, 9, () => new Error('500 from the dependency'));
    const result = track(policy.execute((signal) => hangUntilAborted(signal)));
    await vi.advanceTimersByTimeAsync(100);
    expect(isDependencyTimeoutError(result.error)).toBe(true);
    expect(policy.breakerState).toBe('open');
  });
});

describe('bulkhead (SyncMicroservice)', () => {
  it('runs 50, queues 100 and rejects the 151st concurrent call with INV-SYS-005', async () => {
    const policy = syncPolicy();
    const events = recordEvents(policy);
    const fn = vi.fn((signal: AbortSignal) => hangUntilAborted(signal));

    const calls = Array.from({ length: 151 }, () => track(policy.execute(fn)));
    await vi.advanceTimersByTimeAsync(0);

    expect(fn).toHaveBeenCalledTimes(50);
    expect(calls.slice(0, 150).every((call) => !call.settled)).toBe(true);
    const last = calls[150];
    expect(isBulkheadFullError(last?.error)).toBe(true);
    expect(last?.error).toMatchObject({
      details: 'bulkhead SyncMicroservice:chat-analysis is full (50 running, 100 queued)',
    });
    expect(events).toEqual([['bulkheadReject', { ...base, maxConcurrency: 50, maxQueue: 100 }]]);

    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.every((call) => call.settled)).toBe(true);
  });

  it('does not count its own rejections against the breaker', async () => {
    const policy = syncPolicy({ bulkhead: { maxConcurrency: 1, maxQueue: 0 }, retry: { retries: 0 } });
    const first = track(policy.execute(() => hangForever()));
    for (let i = 0; i < 20; i++) {
      expect(isBulkheadFullError(await policy.execute(() => Promise.resolve(1)).catch((error: unknown) => error))).toBe(
        true,
      );
    }
    expect(registry.get(policy.key)).toMatchObject({ state: 'closed', failures: 0 });
    await vi.advanceTimersByTimeAsync(100);
    expect(first.settled).toBe(true);
  });
});

describe('other named policies', () => {
  it('AsyncJob runs once, without breaker or retry, under a 5 minute budget', async () => {
    const policy = createPolicy('AsyncJob', 'chat-analysis', undefined, { registry });
    expect(policy.breakerState).toBe('disabled');
    const call = scripted((signal) => hangUntilAborted(signal));
    const result = track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(300_000);
    expect(call.starts).toEqual([0]);
    expect(call.aborts).toEqual([300_000]);
    expect(isDependencyTimeoutError(result.error)).toBe(true);
    expect(registry.snapshot()).toEqual([]);
  });

  it('ExternalApi retries three times with exponential waits of 1 s, 2 s and 4 s', async () => {
    const policy = createPolicy('ExternalApi', 'maps', undefined, { registry, random: () => 0 });
    const call = scripted(() => Promise.reject(connectionRefused()));
    track(policy.execute(call.fn));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(call.starts).toEqual([0, 1000, 3000, 7000]);
  });

  it.each<[PolicyName, number, ErrorCategory]>([
    ['SyncMicroservice', 429, ErrorCategory.Permanent],
    ['SyncMicroservice', 503, ErrorCategory.Transient],
    ['ExternalApi', 429, ErrorCategory.Transient],
    ['ExternalApi', 500, ErrorCategory.Transient],
    ['DatabaseQuery', 500, ErrorCategory.Unknown],
  ])('%s classifies HTTP %i as %s', (name, status, category) => {
    expect(createPolicy(name, 'x', undefined, { registry }).classifyStatus(status)).toBe(category);
  });
});

describe('events', () => {
  it('dispose() stops delivering events, including those of the shared breaker', async () => {
    const policy = syncPolicy({ retry: { retries: 0 } });
    const listener = vi.fn();
    policy.onBreak(listener);
    policy.onGiveUp(listener);
    policy.dispose();
    await failFast(policy, 10, connectionRefused);
    expect(policy.breakerState).toBe('open');
    expect(listener).not.toHaveBeenCalled();
  });

  it('a throwing listener does not fail the call', async () => {
    const onListenerError = vi.fn();
    const policy = createPolicy('SyncMicroservice', 'chat-analysis', undefined, {
      registry,
      random: () => 0,
      onListenerError,
    });
    policy.onRetry(() => {
      throw new Error('metrics bug');
    });
    const result = track(
      policy.execute(async (_signal, attempt) => {
        if (attempt === 0) throw connectionRefused();
        return 'ok';
      }),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(result.value).toBe('ok');
    expect(onListenerError).toHaveBeenCalledWith(new Error('metrics bug'), 'retry');
  });
});
