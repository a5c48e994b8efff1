import { SamplingBreaker, type CircuitState, type IBreaker } from 'cockatiel';
import type { CircuitBreakerOptions } from './policy-options.js';

/*
 * cockatiel 3's SamplingBreaker, configured and corrected for the seed's breaker semantics:
 *
 * - Minimum throughput. The seed counts calls in the window ("10 calls in 30 s"); cockatiel takes
 *   `minimumRps`, requests per second, and opens only when `total >= windowMs * minimumRps / 1000`.
 *   The naive `10 / 30` is exact, but e.g. `7 / 9` gives 7.000000000000001 and would demand an
 *   eighth call, so we convert with half a call of slack: `total >= n - 0.5` is `total >= n` for
 *   whole counts. A converted value of 0 would also make cockatiel fall back to its own default.
 * - Threshold. cockatiel opens on `failures > threshold * total`; Polly, whose numbers the seed
 *   uses, opens on `failures / total >= threshold`. A relative nudge of 1e-9 turns one into the
 *   other for any realistic count and absorbs floating-point error in `threshold * total`.
 * - Stale samples. cockatiel rotates to the next 1 s bucket only when a call arrives, one bucket
 *   per call, so after a quiet spell samples far older than the window still count. Before each
 *   sample we drop buckets that started a full window ago, through the `state` property cockatiel
 *   exposes for serialising breakers (`toJSON` / `initialState`).
 */

/** The bucket layout SamplingBreaker chooses: at least 5 buckets, none longer than 1 s. */
export function samplingGeometry(samplingDurationMs: number): { buckets: number; bucketMs: number; windowMs: number } {
  const buckets = Math.max(5, Math.ceil(samplingDurationMs / 1000));
  const bucketMs = Math.round(samplingDurationMs / buckets);
  return { buckets, bucketMs, windowMs: bucketMs * buckets };
}

/** `minimumRps` for SamplingBreaker so that it opens once `minimumThroughput` calls are in the window. */
export function toMinimumRps(minimumThroughput: number, samplingDurationMs: number): number {
  return ((minimumThroughput - 0.5) * 1000) / samplingGeometry(samplingDurationMs).windowMs;
}

/** `threshold` for SamplingBreaker so that it opens at `failures / total >= failureThreshold`. */
export function toSamplingThreshold(failureThreshold: number): number {
  return failureThreshold * (1 - 1e-9);
}

export type SamplingWindowOptions = Pick<
  CircuitBreakerOptions,
  'failureThreshold' | 'samplingDurationMs' | 'minimumThroughput'
>;

interface Bucket {
  startedAt: number;
  failures: number;
  successes: number;
}

interface SamplingState {
  windows: Bucket[];
  currentWindow: number;
  currentFailures: number;
  currentSuccesses: number;
}

/** The `IBreaker` behind every named policy's circuit breaker. */
export class SamplingWindow implements IBreaker {
  readonly #inner: SamplingBreaker;
  readonly #windowMs: number;

  constructor(options: SamplingWindowOptions) {
    this.#windowMs = samplingGeometry(options.samplingDurationMs).windowMs;
    this.#inner = new SamplingBreaker({
      threshold: toSamplingThreshold(options.failureThreshold),
      duration: options.samplingDurationMs,
      minimumRps: toMinimumRps(options.minimumThroughput, options.samplingDurationMs),
    });
  }

  get state(): unknown {
    return this.#inner.state;
  }

  set state(value: unknown) {
    this.#inner.state = value;
  }

  success(state: CircuitState): void {
    this.#forgetExpired();
    this.#inner.success(state);
  }

  failure(state: CircuitState): boolean {
    this.#forgetExpired();
    return this.#inner.failure(state);
  }

  /** Calls that finished inside the window, as the breaker will judge them. */
  counts(): { failures: number; successes: number } {
    this.#forgetExpired();
    const state = this.#samplingState();
    return state === undefined
      ? { failures: 0, successes: 0 }
      : { failures: state.currentFailures, successes: state.currentSuccesses };
  }

  /** Forgets every sample, as after an operator's reset. */
  clear(): void {
    const state = this.#samplingState();
    if (state === undefined) return;
    this.#inner.state = {
      windows: state.windows.map(() => ({ startedAt: 0, failures: 0, successes: 0 })),
      currentWindow: 0,
      currentFailures: 0,
      currentSuccesses: 0,
    } satisfies SamplingState;
  }

  #forgetExpired(): void {
    const state = this.#samplingState();
    if (state === undefined) return;
    const now = Date.now();
    let { currentFailures, currentSuccesses } = state;
    let changed = false;
    for (const bucket of state.windows) {
      if ((bucket.failures > 0 || bucket.successes > 0) && now - bucket.startedAt >= this.#windowMs) {
        currentFailures -= bucket.failures;
        currentSuccesses -= bucket.successes;
        bucket.failures = 0;
        bucket.successes = 0;
        changed = true;
      }
    }
    if (changed) this.#inner.state = { ...state, currentFailures, currentSuccesses } satisfies SamplingState;
  }

  /** cockatiel's serialised state, or undefined if a future version changed its shape. */
  #samplingState(): SamplingState | undefined {
    const state = this.#inner.state as Partial<SamplingState> | null;
    if (
      typeof state !== 'object' ||
      state === null ||
      !Array.isArray(state.windows) ||
      typeof state.currentFailures !== 'number' ||
      typeof state.currentSuccesses !== 'number'
    ) {
      return undefined;
    }
    return state as SamplingState;
  }
}
