import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExpirySweeper, type ExpirySweeperOptions } from './expiry-sweeper.js';

/** A sweeper whose sweeps are recorded at fake-clock times; `next` answers nextExpiryInMs. */
function harness(next: () => number | null, overrides: Partial<ExpirySweeperOptions> = {}) {
  const sweeps: number[] = [];
  const failures: number[] = [];
  const start = Date.now();
  const sweeper = new ExpirySweeper({
    sweep: async () => {
      sweeps.push(Date.now() - start);
      return { full: false };
    },
    nextExpiryInMs: async () => next(),
    maxIntervalMs: 1_000,
    backoffInitialMs: 100,
    backoffMaxMs: 400,
    onSweepFailed: (_error, retryInMs) => failures.push(retryInMs),
    ...overrides,
  });
  return { sweeper, sweeps, failures };
}

describe('ExpirySweeper', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sleeps until the next expiry, at most maxIntervalMs', async () => {
    const waits = [300, null, 5_000];
    const { sweeper, sweeps } = harness(() => (waits.length > 0 ? waits.shift()! : null));
    sweeper.start();
    await vi.advanceTimersByTimeAsync(2_400);
    await sweeper.stop();
    expect(sweeps).toEqual([0, 300, 1_300, 2_300]);
  });

  it('wakes early for a hinted expiry and ignores a later one', async () => {
    const { sweeper, sweeps } = harness(() => null);
    sweeper.start();
    await vi.advanceTimersByTimeAsync(100);
    sweeper.hint(2_000);
    sweeper.hint(150);
    await vi.advanceTimersByTimeAsync(200);
    await sweeper.stop();
    expect(sweeps).toEqual([0, 250]);
  });

  it('backs off, doubling up to backoffMaxMs, while sweeping fails', async () => {
    const { sweeper, failures } = harness(() => null, { sweep: () => Promise.reject(new Error('down')) });
    sweeper.start();
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 400 + 1);
    await sweeper.stop();
    expect(failures).toEqual([100, 200, 400, 400, 400]);
  });

  it('sweeps again at once while batches come back full, and pauses briefly when the next expiry is overdue', async () => {
    let full = 3;
    const sweeps: number[] = [];
    const { sweeper } = harness(() => -10, {
      sweep: async () => {
        sweeps.push(Date.now());
        return { full: full-- > 0 };
      },
    });
    sweeper.start();
    await vi.advanceTimersByTimeAsync(0);
    // Three full batches and the one that was not.
    expect(sweeps).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(4);
    expect(sweeps).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(sweeps).toHaveLength(5);
    await sweeper.stop();
  });
});
