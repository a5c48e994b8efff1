import type { ErrorCategory } from '@invekto/contracts';
import type { PolicyName } from './policy-names.js';

/** Fields every policy event carries, so one metrics listener can serve every policy. */
export interface PolicyEventBase {
  readonly policy: PolicyName;
  readonly dependency: string;
  /** `policy:dependency`, the breaker registry key. */
  readonly key: string;
}

/** A transient failure will be retried after `delayMs`. */
export interface RetryEvent extends PolicyEventBase {
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  /** The failure being retried. */
  readonly error: unknown;
  readonly category: ErrorCategory;
}

/** The breaker opened: by itself (`isolated: false`, `error` is the failure that tipped it) or by hand. */
export interface BreakEvent extends PolicyEventBase {
  readonly isolated: boolean;
  readonly error: unknown;
  /** How long it stays open before a probe; 0 when isolated (until an operator resets it). */
  readonly breakDurationMs: number;
}

/** The breaker closed again, after a successful probe or an operator's reset. */
export type ResetEvent = PolicyEventBase;

/** The break elapsed and a probe call is running; `break` or `reset` follows. */
export type HalfOpenEvent = PolicyEventBase;

/** An attempt found every bulkhead slot busy and the queue full. */
export interface BulkheadRejectEvent extends PolicyEventBase {
  readonly maxConcurrency: number;
  readonly maxQueue: number;
}

/** A budget ran out: the whole call's (`overall`) or one attempt's. */
export interface TimeoutEvent extends PolicyEventBase {
  readonly scope: 'overall' | 'attempt';
  readonly timeoutMs: number;
  /** For attempt timeouts: 0 for the first try. */
  readonly attempt?: number;
}

/** A call failed with a transient failure and will not be tried again: retries or budget spent. */
export interface GiveUpEvent extends PolicyEventBase {
  /** Attempts that reached the dependency. */
  readonly attempts: number;
  /** What the caller receives. */
  readonly error: unknown;
}

/** Every event a resilience policy emits, by name. */
export interface PolicyEvents {
  retry: RetryEvent;
  break: BreakEvent;
  reset: ResetEvent;
  halfOpen: HalfOpenEvent;
  bulkheadReject: BulkheadRejectEvent;
  timeout: TimeoutEvent;
  giveUp: GiveUpEvent;
}
