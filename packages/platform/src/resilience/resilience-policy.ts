import type { ErrorCategory } from '@invekto/contracts';
import {
  bulkhead,
  handleWhen,
  noop,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type IPolicy,
  type IRetryContext,
  type TimeoutPolicy,
} from 'cockatiel';
import { BreakerRegistry, breakerKey, type BreakerState, type SharedBreaker } from './breaker-registry.js';
import {
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isIsolatedCircuitError,
  isTaskCancelledError,
} from './cockatiel-errors.js';
import { classifyError, classifyHttpStatus, isRetryableFailure } from './error-classifier.js';
import { resolvePolicyOptions, type PolicyOverrides } from './policy-config.js';
import type { PolicyEventBase, PolicyEvents } from './policy-events.js';
import { breakerOpenError, bulkheadFullError, dependencyTimeoutError } from './policy-errors.js';
import type { PolicyName } from './policy-names.js';
import type { PolicyOptions } from './policy-options.js';
import { createRetryBackoff, type RandomSource } from './retry-backoff.js';
import { TypedEmitter, type ListenerErrorHandler, type Subscribe, type Unsubscribe } from './typed-emitter.js';

/**
 * The call a policy protects. `signal` aborts when the attempt's or the whole call's budget runs
 * out: pass it to fetch, the Redis or SQL client. It is not aborted when `fn` settles, so a body
 * may still be read after `fn` returns the response. `attempt` is 0 for the first try.
 */
export type PolicyCall<T> = (signal: AbortSignal, attempt: number) => Promise<T>;

/** Runtime collaborators of a policy; its numbers come from `PolicyOptions`. */
export interface CreatePolicyOptions {
  /**
   * Shares one breaker among all policies with the same `policy:dependency` key and shows it to ops.
   * Pass the process's registry; without one the breaker is private to this policy.
   * @default a new registry
   */
  readonly registry?: BreakerRegistry;
  /**
   * Source of the retry jitter.
   * @default Math.random
   */
  readonly random?: RandomSource;
  /**
   * Receives errors thrown by event listeners.
   * @default a process warning
   */
  readonly onListenerError?: ListenerErrorHandler;
}

/** The last failure that came from the dependency itself (or one of our timeouts) during one call. */
interface CallState {
  attempts: number;
  failure: { readonly error: unknown } | undefined;
}

interface AttemptLimit {
  readonly timeoutMs: number;
  readonly policy: TimeoutPolicy;
}

/**
 * One named policy bound to one dependency. The stack follows seed 000 App. G.1:
 *
 *   overall timeout -> circuit breaker -> retry -> bulkhead -> attempt timeout -> fn
 *
 * Both timeouts are aggressive: the caller is answered when the budget ends even if `fn` ignores
 * its signal. The breaker sees one outcome per call (after retries); the bulkhead gives each
 * attempt its own slot, so the queue wait counts against the overall budget only.
 *
 * When the policy itself rejects, the caller gets an `InvektoError`: INV-SYS-001 (breaker open or
 * isolated), INV-SYS-005 (bulkhead full), INV-NET-001 (a timeout). Otherwise the dependency's last
 * error is rethrown unchanged.
 */
export class ResiliencePolicy {
  readonly name: PolicyName;
  readonly dependency: string;
  /** `policy:dependency`. */
  readonly key: string;
  readonly options: PolicyOptions;

  readonly onRetry: Subscribe<PolicyEvents['retry']>;
  readonly onBreak: Subscribe<PolicyEvents['break']>;
  readonly onReset: Subscribe<PolicyEvents['reset']>;
  readonly onHalfOpen: Subscribe<PolicyEvents['halfOpen']>;
  readonly onBulkheadReject: Subscribe<PolicyEvents['bulkheadReject']>;
  readonly onTimeout: Subscribe<PolicyEvents['timeout']>;
  readonly onGiveUp: Subscribe<PolicyEvents['giveUp']>;

  readonly #base: PolicyEventBase;
  readonly #events: TypedEmitter<PolicyEvents>;
  readonly #breaker: SharedBreaker | undefined;
  readonly #stack: IPolicy<IRetryContext>;
  readonly #attemptLimits: readonly AttemptLimit[];
  readonly #breakerSubscriptions: Unsubscribe[] = [];

  constructor(name: PolicyName, dependency: string, options: PolicyOptions, runtime: CreatePolicyOptions = {}) {
    if (dependency.length === 0) throw new RangeError('A resilience policy needs a dependency name');
    this.name = name;
    this.dependency = dependency;
    this.key = breakerKey(name, dependency);
    this.options = options;
    this.#base = Object.freeze({ policy: name, dependency, key: this.key });
    this.#events = new TypedEmitter<PolicyEvents>(runtime.onListenerError);
    this.onRetry = this.#events.subscriber('retry');
    this.onBreak = this.#events.subscriber('break');
    this.onReset = this.#events.subscriber('reset');
    this.onHalfOpen = this.#events.subscriber('halfOpen');
    this.onBulkheadReject = this.#events.subscriber('bulkheadReject');
    this.onTimeout = this.#events.subscriber('timeout');
    this.onGiveUp = this.#events.subscriber('giveUp');

    // abortOnReturn: false keeps the signal of a finished attempt alive, so a fetch body can still be read.
    const aggressive = { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false };
    const overall = timeout(options.timeoutMs, aggressive);
    overall.onTimeout(() => this.#emit('timeout', { scope: 'overall', timeoutMs: options.timeoutMs }));

    const retries = retry(
      handleWhen((error) => isRetryableFailure(error)),
      { maxAttempts: options.retry.retries, backoff: createRetryBackoff(options.retry, runtime.random ?? Math.random) },
    );
    retries.onRetry((event) => {
      const error = 'error' in event ? event.error : event.value;
      this.#emit('retry', { retry: event.attempt, delayMs: event.delay, error, category: classifyError(error) });
    });

    const { enabled: bulkheadEnabled, maxConcurrency, maxQueue } = options.bulkhead;
    const slots = bulkheadEnabled ? bulkhead(maxConcurrency, maxQueue) : undefined;
    slots?.onReject(() => this.#emit('bulkheadReject', { maxConcurrency, maxQueue }));

    this.#breaker = options.circuitBreaker.enabled
      ? (runtime.registry ?? new BreakerRegistry()).acquire(name, dependency, options.circuitBreaker)
      : undefined;
    if (this.#breaker !== undefined) {
      const breakDurationMs = options.circuitBreaker.breakDurationMs;
      this.#breakerSubscriptions.push(
        this.#breaker.onBreak(({ isolated, error }) =>
          this.#emit('break', { isolated, error, breakDurationMs: isolated ? 0 : breakDurationMs }),
        ),
        this.#breaker.onReset(() => this.#emit('reset', {})),
        this.#breaker.onHalfOpen(() => this.#emit('halfOpen', {})),
      );
    }

    this.#stack = wrap(overall, this.#breaker?.circuit ?? noop, retries, slots ?? noop);
    this.#attemptLimits = options.attemptTimeoutsMs.map((timeoutMs) => ({
      timeoutMs,
      policy: timeout(timeoutMs, aggressive),
    }));
  }

  /** The shared breaker's state, or `disabled` for policies without one (AsyncJob). */
  get breakerState(): BreakerState | 'disabled' {
    return this.#breaker?.state ?? 'disabled';
  }

  /** Runs `fn` under the policy; see the class comment for what a rejection carries. */
  async execute<T>(fn: PolicyCall<T>): Promise<T> {
    const call: CallState = { attempts: 0, failure: undefined };
    try {
      return await this.#stack.execute((context) => this.#attempt(fn, context.signal, context.attempt, call));
    } catch (error) {
      throw this.#outcome(error, call);
    }
  }

  /** The category of a failed HTTP status under this policy's `transientHttpStatuses`. */
  classifyStatus(status: number): ErrorCategory {
    return classifyHttpStatus(status, this.options.retry.transientHttpStatuses);
  }

  /** Stops forwarding the shared breaker's events to this policy's listeners and drops them. */
  dispose(): void {
    for (const unsubscribe of this.#breakerSubscriptions.splice(0)) unsubscribe();
    this.#events.removeAllListeners();
  }

  async #attempt<T>(fn: PolicyCall<T>, budget: AbortSignal, attempt: number, call: CallState): Promise<T> {
    if (budget.aborted) {
      // cockatiel's retry sleeps through an expired budget and then tries again; fn must not run.
      const error = dependencyTimeoutError(this.key, { scope: 'overall', timeoutMs: this.options.timeoutMs });
      call.failure = { error };
      throw error;
    }
    call.attempts += 1;
    const limit = this.#attemptLimits[Math.min(attempt, this.#attemptLimits.length - 1)];
    let expired = false;
    const run = async (signal: AbortSignal): Promise<T> => {
      let settled = false;
      const onAbort = (): void => {
        if (!settled) expired = true;
      };
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return await fn(signal, attempt);
      } finally {
        settled = true;
        signal.removeEventListener('abort', onAbort);
      }
    };
    try {
      return limit === undefined ? await run(budget) : await limit.policy.execute(({ signal }) => run(signal), budget);
    } catch (error) {
      if (!expired) {
        call.failure = { error };
        throw error;
      }
      // The overall timeout reports itself (onTimeout above); only the attempt's own limit is new here.
      let timedOut;
      if (limit !== undefined && !budget.aborted) {
        timedOut = dependencyTimeoutError(this.key, { scope: 'attempt', timeoutMs: limit.timeoutMs, attempt }, error);
        this.#emit('timeout', { scope: 'attempt', timeoutMs: limit.timeoutMs, attempt });
      } else {
        timedOut = dependencyTimeoutError(this.key, { scope: 'overall', timeoutMs: this.options.timeoutMs }, error);
      }
      call.failure = { error: timedOut };
      throw timedOut;
    }
  }

  /** Turns what the stack rejected with into what the caller receives. */
  #outcome(error: unknown, call: CallState): unknown {
    if (call.failure !== undefined && error === call.failure.error) {
      if (isRetryableFailure(error)) this.#emit('giveUp', { attempts: call.attempts, error });
      return error;
    }
    if (isBrokenCircuitError(error)) {
      const isolated = isIsolatedCircuitError(error);
      const retryAfterMs = isolated ? undefined : this.#breaker?.retryAfterMs();
      return breakerOpenError(this.key, {
        isolated,
        cause: error,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    if (isBulkheadRejectedError(error)) return bulkheadFullError(this.key, this.options.bulkhead, error);
    if (isTaskCancelledError(error)) {
      // Only the overall timeout, or a bulkhead queue slot it expired, rejects with this here.
      const timedOut = dependencyTimeoutError(this.key, { scope: 'overall', timeoutMs: this.options.timeoutMs }, error);
      this.#emit('giveUp', { attempts: call.attempts, error: timedOut });
      return timedOut;
    }
    return error;
  }

  #emit<K extends keyof PolicyEvents>(name: K, fields: Omit<PolicyEvents[K], keyof PolicyEventBase>): void {
    this.#events.emit(name, { ...this.#base, ...fields } as PolicyEvents[K]);
  }
}

/**
 * The named policy `name` for `dependency`, with the seed defaults merged with `overrides` (from
 * configuration). Create one per dependency at start-up and reuse it: the bulkhead counts the
 * calls of one policy object, while the breaker is shared through `runtime.registry`.
 * @throws PolicyConfigError when an override is unknown or out of range
 */
export function createPolicy(
  name: PolicyName,
  dependency: string,
  overrides?: PolicyOverrides,
  runtime: CreatePolicyOptions = {},
): ResiliencePolicy {
  return new ResiliencePolicy(name, dependency, resolvePolicyOptions(name, overrides), runtime);
}
