import { CircuitState, circuitBreaker, handleWhen, type CircuitBreakerPolicy, type IDisposable } from 'cockatiel';
import { countsAsBreakerFailure } from './error-classifier.js';
import { PolicyConfigError } from './policy-config.js';
import type { PolicyName } from './policy-names.js';
import type { CircuitBreakerOptions } from './policy-options.js';
import { SamplingWindow } from './sampling-window.js';
import { TypedEmitter, type ListenerErrorHandler, type Subscribe } from './typed-emitter.js';

/** Breaker states as ops see them (seed 000 App. E.1, plus `isolated`: held open by hand). */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** One breaker, as the admin panel and metrics read it. Times are epoch milliseconds. */
export interface BreakerSnapshot {
  readonly key: string;
  readonly policy: PolicyName;
  readonly dependency: string;
  /**
   * cockatiel moves from open to half-open only when a call arrives after the break, so a breaker
   * whose `halfOpenAt` has passed still reads `open` until the next call probes it.
   */
  readonly state: BreakerState;
  /** When the state last changed; `undefined` while it has never left `closed`. */
  readonly lastTransitionAt: number | undefined;
  /** Times it opened by itself; isolation is not counted. */
  readonly opens: number;
  /** While `open`: from when the next call runs as the half-open probe. */
  readonly halfOpenAt: number | undefined;
  /** Failed calls in the sampling window (TRANSIENT and UNKNOWN failures). */
  readonly failures: number;
  /**
   * Successful calls in the sampling window. Calls that failed PERMANENT or were turned away by
   * the bulkhead are not sampled at all, so they count toward neither side nor the throughput.
   */
  readonly successes: number;
  readonly options: CircuitBreakerOptions;
}

/** What a breaker emits to the policies sharing it. */
export interface BreakerEvents {
  break: { readonly isolated: boolean; readonly error: unknown };
  reset: undefined;
  halfOpen: undefined;
}

/** `policy:dependency`, the key breakers are shared and addressed by. */
export function breakerKey(policy: PolicyName, dependency: string): string {
  return `${policy}:${dependency}`;
}

const STATE_NAMES: Readonly<Record<CircuitState, BreakerState>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

const OPTION_FIELDS = ['failureThreshold', 'samplingDurationMs', 'minimumThroughput', 'breakDurationMs'] as const;

/** A breaker shared by every policy with the same key. Policies get one from `BreakerRegistry.acquire`. */
export class SharedBreaker {
  readonly key: string;
  readonly policy: PolicyName;
  readonly dependency: string;
  readonly options: CircuitBreakerOptions;
  /** The cockatiel policy to place in the stack. */
  readonly circuit: CircuitBreakerPolicy;
  readonly onBreak: Subscribe<BreakerEvents['break']>;
  readonly onReset: Subscribe<BreakerEvents['reset']>;
  readonly onHalfOpen: Subscribe<BreakerEvents['halfOpen']>;

  readonly #window: SamplingWindow;
  readonly #events: TypedEmitter<BreakerEvents>;
  #lastTransitionAt: number | undefined;
  #opens = 0;
  #isolation: IDisposable | undefined;
  #resetting = false;

  constructor(
    policy: PolicyName,
    dependency: string,
    options: CircuitBreakerOptions,
    onListenerError?: ListenerErrorHandler,
  ) {
    this.key = breakerKey(policy, dependency);
    this.policy = policy;
    this.dependency = dependency;
    this.options = options;
    this.#window = new SamplingWindow(options);
    this.#events = new TypedEmitter<BreakerEvents>(onListenerError);
    this.circuit = circuitBreaker(
      handleWhen((error) => countsAsBreakerFailure(error)),
      { halfOpenAfter: options.breakDurationMs, breaker: this.#window },
    );
    this.onBreak = this.#events.subscriber('break');
    this.onReset = this.#events.subscriber('reset');
    this.onHalfOpen = this.#events.subscriber('halfOpen');

    this.circuit.onStateChange((state) => {
      this.#lastTransitionAt = Date.now();
      if (state === CircuitState.Open) this.#opens += 1;
    });
    this.circuit.onBreak((reason) => {
      // Resetting an open breaker passes through isolation; that is not a new break.
      if (this.#resetting) return;
      if ('isolated' in reason) this.#events.emit('break', { isolated: true, error: undefined });
      else this.#events.emit('break', { isolated: false, error: 'error' in reason ? reason.error : reason.value });
    });
    this.circuit.onReset(() => this.#events.emit('reset', undefined));
    this.circuit.onHalfOpen(() => this.#events.emit('halfOpen', undefined));
  }

  get state(): BreakerState {
    return STATE_NAMES[this.circuit.state];
  }

  /** While open: milliseconds until the next call may probe; otherwise `undefined`. */
  retryAfterMs(): number | undefined {
    const halfOpenAt = this.#halfOpenAt();
    return halfOpenAt === undefined ? undefined : Math.max(0, halfOpenAt - Date.now());
  }

  snapshot(): BreakerSnapshot {
    return {
      key: this.key,
      policy: this.policy,
      dependency: this.dependency,
      state: this.state,
      lastTransitionAt: this.#lastTransitionAt,
      opens: this.#opens,
      halfOpenAt: this.#halfOpenAt(),
      ...this.#window.counts(),
      options: this.options,
    };
  }

  /** Holds the breaker open until `reset`; calls fail fast with INV-SYS-001. */
  isolate(): void {
    this.#isolation ??= this.circuit.isolate();
  }

  /** Closes the breaker from any state and forgets the sampled calls. */
  reset(): void {
    this.#resetting = true;
    try {
      if (this.#isolation !== undefined) {
        this.#isolation.dispose();
        this.#isolation = undefined;
      } else if (this.circuit.state !== CircuitState.Closed) {
        // cockatiel has no "close now": isolating and releasing is its only path to closed.
        this.circuit.isolate().dispose();
      }
    } finally {
      this.#resetting = false;
    }
    this.#window.clear();
  }

  /** Whether `options` describe this breaker; policies sharing a key must agree. */
  hasOptions(options: CircuitBreakerOptions): boolean {
    return OPTION_FIELDS.every((field) => options[field] === this.options[field]);
  }

  #halfOpenAt(): number | undefined {
    if (this.circuit.state !== CircuitState.Open || this.#lastTransitionAt === undefined) return undefined;
    return this.#lastTransitionAt + this.options.breakDurationMs;
  }
}

export interface BreakerRegistryOptions {
  /**
   * Receives errors thrown by breaker event listeners.
   * @default a process warning
   */
  readonly onListenerError?: ListenerErrorHandler;
}

/**
 * Every circuit breaker of a process, keyed by `policy:dependency`. Create one per process (the
 * composition root passes it to every `createPolicy`), so policies for one dependency share one
 * breaker and ops can see and steer all of them.
 */
export class BreakerRegistry {
  readonly #breakers = new Map<string, SharedBreaker>();
  readonly #onListenerError: ListenerErrorHandler | undefined;

  constructor(options: BreakerRegistryOptions = {}) {
    this.#onListenerError = options.onListenerError;
  }

  /**
   * The breaker for `policy:dependency`, created on first use. Throws `PolicyConfigError` if it
   * exists with different options: two configurations for one breaker would be a silent surprise.
   */
  acquire(policy: PolicyName, dependency: string, options: CircuitBreakerOptions): SharedBreaker {
    const key = breakerKey(policy, dependency);
    const existing = this.#breakers.get(key);
    if (existing !== undefined) {
      if (!existing.hasOptions(options)) {
        throw new PolicyConfigError(
          `${policy}.circuitBreaker`,
          `conflicts with the options breaker ${key} was created with`,
        );
      }
      return existing;
    }
    const created = new SharedBreaker(policy, dependency, options, this.#onListenerError);
    this.#breakers.set(key, created);
    return created;
  }

  get(key: string): BreakerSnapshot | undefined {
    return this.#breakers.get(key)?.snapshot();
  }

  /** Every breaker, in creation order. */
  snapshot(): BreakerSnapshot[] {
    return [...this.#breakers.values()].map((breaker) => breaker.snapshot());
  }

  /** Holds a breaker open by hand; `undefined` if no breaker has that key. */
  isolate(key: string): BreakerSnapshot | undefined {
    const breaker = this.#breakers.get(key);
    breaker?.isolate();
    return breaker?.snapshot();
  }

  /** Closes a breaker by hand and forgets its samples; `undefined` if no breaker has that key. */
  reset(key: string): BreakerSnapshot | undefined {
    const breaker = this.#breakers.get(key);
    breaker?.reset();
    return breaker?.snapshot();
  }
}
