import { deepFreeze } from './deep-object.js';
import type { PolicyName } from './policy-names.js';

/**
 * How a policy retries. Only TRANSIENT failures are retried (see `error-classifier.ts`).
 *
 * The wait before retry `n` (1 for the first retry) is
 * `min(maxDelayMs, max(baseDelayMs * factor + jitter, retryAfterMs))`, where `factor` is 1 for
 * constant backoff and `2^(n-1)` for exponential, `jitter` is a whole number drawn uniformly from
 * `[0, maxJitterMs]`, and `retryAfterMs` is the hint carried by the failed call's `InvektoError`.
 */
export interface RetryOptions {
  /**
   * Retries after the first attempt; `0` disables retrying (seed 001 asks for 0 on sync calls,
   * seed 000 for 1; MISSION.md follows 000 and keeps 0 a valid value).
   * @default SyncMicroservice 1, RedisOperation 1, ExternalApi 3, DatabaseQuery 3, AsyncJob 0
   */
  readonly retries: number;
  /**
   * `constant` waits `baseDelayMs` before every retry, `exponential` doubles it for each retry.
   * @default SyncMicroservice, RedisOperation 'constant'; ExternalApi, DatabaseQuery 'exponential'
   */
  readonly backoff: 'constant' | 'exponential';
  /**
   * Wait before the first retry, before jitter.
   * @default SyncMicroservice 25, RedisOperation 10, ExternalApi 1000, DatabaseQuery 200, AsyncJob 0
   */
  readonly baseDelayMs: number;
  /**
   * Upper bound of the random jitter added to each wait (inclusive).
   * @default SyncMicroservice 25, RedisOperation 10, ExternalApi 500, DatabaseQuery 100, AsyncJob 0
   */
  readonly maxJitterMs: number;
  /**
   * Longest single wait, including jitter and any `retryAfterMs` hint.
   * @default SyncMicroservice 50, RedisOperation 20, ExternalApi 10000, DatabaseQuery 2000, AsyncJob 0
   */
  readonly maxDelayMs: number;
  /**
   * HTTP statuses from the dependency that count as TRANSIENT (`policy.classifyStatus`); other 4xx
   * are PERMANENT, other 5xx UNKNOWN.
   * @default SyncMicroservice [408, 502, 503, 504]; ExternalApi [429, 500, 502, 503, 504];
   * others [408, 429, 502, 503, 504]
   */
  readonly transientHttpStatuses: readonly number[];
}

/**
 * When the breaker opens. It opens when, over the last `samplingDurationMs`, at least
 * `minimumThroughput` calls finished and at least `failureThreshold` of them failed (Polly's
 * AdvancedCircuitBreaker semantics). Which failures count is decided in `error-classifier.ts`.
 */
export interface CircuitBreakerOptions {
  /**
   * `false` runs the policy without a breaker.
   * @default true, except AsyncJob false
   */
  readonly enabled: boolean;
  /**
   * Fraction of failed calls, in (0, 1], that opens the breaker.
   * @default 0.5, except RedisOperation 0.3
   */
  readonly failureThreshold: number;
  /**
   * Length of the sliding window the failure ratio is measured over; sampled in 1 s buckets.
   * @default SyncMicroservice 30000, RedisOperation 15000, ExternalApi 60000, DatabaseQuery 30000
   */
  readonly samplingDurationMs: number;
  /**
   * Calls that must finish inside the window before the ratio may open the breaker.
   * @default SyncMicroservice 10, RedisOperation 20, ExternalApi 5, DatabaseQuery 10
   */
  readonly minimumThroughput: number;
  /**
   * How long the breaker stays open before it lets one probe call through (half-open).
   * @default SyncMicroservice 30000, RedisOperation 15000, ExternalApi 60000, DatabaseQuery 30000
   */
  readonly breakDurationMs: number;
}

/** How many attempts may run at once; the bulkhead sits inside retry, so each attempt takes a slot. */
export interface BulkheadOptions {
  /**
   * `false` runs the policy without a bulkhead.
   * @default SyncMicroservice, ExternalApi true; others false
   */
  readonly enabled: boolean;
  /**
   * Attempts running at once.
   * @default ExternalApi 20, others 50
   */
  readonly maxConcurrency: number;
  /**
   * Attempts waiting for a slot; the next one is rejected with INV-SYS-005.
   * @default ExternalApi 50, others 100
   */
  readonly maxQueue: number;
}

/** Everything one named policy needs; compiled by `resolvePolicyOptions`. */
export interface PolicyOptions {
  /**
   * Budget for the whole call: attempts, waits between them and time queued in the bulkhead.
   * @default SyncMicroservice 600, RedisOperation 100, ExternalApi 30000, DatabaseQuery 30000,
   * AsyncJob 300000
   */
  readonly timeoutMs: number;
  /**
   * Budget of each attempt: entry `i` applies to attempt `i` (0 is the first try) and the last entry
   * repeats for later attempts. Empty means attempts are bounded only by `timeoutMs`.
   * @default SyncMicroservice [100, 50], RedisOperation [50, 25], ExternalApi [10000],
   * DatabaseQuery [10000], AsyncJob []
   */
  readonly attemptTimeoutsMs: readonly number[];
  readonly retry: RetryOptions;
  readonly circuitBreaker: CircuitBreakerOptions;
  readonly bulkhead: BulkheadOptions;
}

/** Off by default; should configuration switch it on, it starts from the SyncMicroservice numbers. */
const DISABLED_BULKHEAD: BulkheadOptions = { enabled: false, maxConcurrency: 50, maxQueue: 100 };

/** The seed's numbers for every named policy; `resolvePolicyOptions` merges overrides over these. */
export const DEFAULT_POLICY_OPTIONS: Readonly<Record<PolicyName, PolicyOptions>> = deepFreeze({
  SyncMicroservice: {
    timeoutMs: 600, // seed 000 §2.2 "Toplam Bütçe: 600ms", §2.8 Timeout.OverallMs
    attemptTimeoutsMs: [100, 50], // §2.2 first try 100 ms, retry 50 ms; §2.8 PerRetryMs
    retry: {
      retries: 1, // §2.2 "MAX DENEME: 2 (1 orijinal + 1 retry)", §2.8 MaxAttempts
      backoff: 'constant',
      baseDelayMs: 25, // §2.2 "Delay: 25ms + jitter(0-25ms)", §2.8 BaseDelayMs
      maxJitterMs: 25, // §2.2, §2.8 MaxJitterMs
      maxDelayMs: 50, // §2.2 budget: 25 ms base + 25 ms jitter at most
      transientHttpStatuses: [408, 502, 503, 504], // §2.3 IsTransientStatusCode, §2.8
    },
    circuitBreaker: {
      enabled: true,
      failureThreshold: 0.5, // §2.8 FailureThresholdPercent 50, App. E.2 Microservice
      samplingDurationMs: 30_000, // §2.8 SamplingDurationSeconds 30
      minimumThroughput: 10, // §2.8 MinimumThroughput 10
      breakDurationMs: 30_000, // §2.8 BreakDurationSeconds 30
    },
    bulkhead: { enabled: true, maxConcurrency: 50, maxQueue: 100 }, // §2.8 Bulkhead
  },
  RedisOperation: {
    timeoutMs: 100, // §2.8 RedisOperation Timeout.OverallMs, App. G.2
    // The seed gives only the 100 ms budget; §2.2 rule 6 halves the timeout on each retry, and
    // 50 + (10..20 ms wait) + 25 stays inside it.
    attemptTimeoutsMs: [50, 25],
    retry: {
      retries: 1, // §2.8 Retry.MaxAttempts 1
      backoff: 'constant',
      baseDelayMs: 10, // §2.8 Retry.BaseDelayMs 10
      maxJitterMs: 10, // not in the seed: jitter up to the base delay, as §2.2 does for sync
      maxDelayMs: 20,
      transientHttpStatuses: [408, 429, 502, 503, 504], // App. D.3
    },
    circuitBreaker: {
      enabled: true,
      failureThreshold: 0.3, // §2.8 FailureThresholdPercent 30, App. E.2 Redis
      samplingDurationMs: 15_000, // §2.8 SamplingDurationSeconds 15
      minimumThroughput: 20, // §2.8 MinimumThroughput 20
      breakDurationMs: 15_000, // §2.8 BreakDurationSeconds 15
    },
    // No bulkhead in the seed: one multiplexed connection queues commands itself.
    bulkhead: DISABLED_BULKHEAD,
  },
  ExternalApi: {
    timeoutMs: 30_000, // §2.8 ExternalApi Timeout.OverallMs, App. G.2
    attemptTimeoutsMs: [10_000], // §2.8 PerRetryMs [10000, 10000, 10000]; the last entry repeats
    retry: {
      retries: 3, // §2.8 Retry.MaxAttempts 3, App. G.2
      backoff: 'exponential', // §2.8 ExponentialBackoff, App. D.2 "Exponential + Jitter"
      baseDelayMs: 1000, // §2.8 Retry.BaseDelayMs 1000
      // Not in the seed: half the base spreads clients that failed together without pushing the
      // third retry (1 s, 2 s, 4 s) far past the 30 s budget.
      maxJitterMs: 500,
      maxDelayMs: 10_000, // caps a long Retry-After hint at one attempt's budget
      transientHttpStatuses: [429, 500, 502, 503, 504], // §2.8 TransientHttpCodes
    },
    circuitBreaker: {
      enabled: true,
      failureThreshold: 0.5, // §2.8 FailureThresholdPercent 50
      // §2.8 and App. G.2 say 60 s / 60 s; App. E.2 says 30 s / 30 s. We follow the config (§2.8).
      samplingDurationMs: 60_000,
      minimumThroughput: 5, // §2.8 MinimumThroughput 5
      breakDurationMs: 60_000, // §2.8 BreakDurationSeconds 60
    },
    bulkhead: { enabled: true, maxConcurrency: 20, maxQueue: 50 }, // §2.8 Bulkhead
  },
  DatabaseQuery: {
    timeoutMs: 30_000, // App. G.2 DatabaseQuery 30s
    // Not in the seed: a third of the budget per attempt, so a hung query still leaves room for
    // two more tries, while ordinary slow queries (seconds) finish.
    attemptTimeoutsMs: [10_000],
    retry: {
      retries: 3, // App. G.2 DatabaseQuery retry 3
      // Not in the seed: deadlock victims and lost connections (App. D.1 transient SQL errors)
      // succeed quickly on retry; short exponential waits (200, 400, 800 ms) de-synchronise them.
      backoff: 'exponential',
      baseDelayMs: 200,
      maxJitterMs: 100,
      maxDelayMs: 2000,
      transientHttpStatuses: [408, 429, 502, 503, 504], // App. D.3
    },
    circuitBreaker: {
      enabled: true,
      failureThreshold: 0.5, // App. G.2 50%, App. E.2 Database
      samplingDurationMs: 30_000, // App. G.2 30s
      minimumThroughput: 10, // not in the seed: as SyncMicroservice
      breakDurationMs: 30_000, // App. G.2 30s
    },
    // No bulkhead: the connection pool already bounds concurrent queries.
    bulkhead: DISABLED_BULKHEAD,
  },
  AsyncJob: {
    timeoutMs: 300_000, // App. G.2 AsyncJob 5min
    attemptTimeoutsMs: [],
    retry: {
      // App. G.2 "Disabled": the retry ladder (2s -> 10s -> 30s -> 2m -> 10m -> DLQ, §1.3) owns it.
      retries: 0,
      backoff: 'constant',
      baseDelayMs: 0,
      maxJitterMs: 0,
      maxDelayMs: 0,
      transientHttpStatuses: [408, 429, 502, 503, 504], // App. D.3
    },
    circuitBreaker: {
      enabled: false, // App. G.2 "Disabled"
      failureThreshold: 0.5,
      samplingDurationMs: 30_000,
      minimumThroughput: 10,
      breakDurationMs: 30_000,
    },
    // Consumer prefetch and concurrency caps bound async work (seed 001 §11).
    bulkhead: DISABLED_BULKHEAD,
  },
});
