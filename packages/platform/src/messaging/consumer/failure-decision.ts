import { ErrorCategory } from '@invekto/contracts';
import type { ResolvedRetryRung } from '../topology/topology.js';

/** Why a message sits in the DLQ: `x-dlq-reason` (seed 000 §3.6, plus poison messages of §3.4). */
export const DlqReason = {
  MaxRetries: 'max_retries',
  PermanentError: 'permanent_error',
  PoisonMessage: 'poison_message',
  Manual: 'manual',
} as const;
export type DlqReason = (typeof DlqReason)[keyof typeof DlqReason];

export type FailureDecision =
  /** Park the message on `rung`; it comes back with `x-retry-count` = `attempt`. */
  | { readonly action: 'retry'; readonly rung: ResolvedRetryRung; readonly attempt: number }
  | { readonly action: 'dead-letter'; readonly reason: DlqReason };

export interface FailureFacts {
  readonly category: ErrorCategory;
  /** `x-retry-count` of the failed delivery: rungs already walked. */
  readonly retryCount: number;
  /** `x-max-retries`, capped by the number of rungs. */
  readonly maxRetries: number;
  readonly rungs: readonly ResolvedRetryRung[];
}

/**
 * What to do with a failed message (seed 000 §3.4, App. D): TRANSIENT walks the ladder one rung per
 * failure and is dead-lettered after the last; UNKNOWN gets one retry, then counts as permanent;
 * PERMANENT goes to the DLQ at once.
 */
export function decideOnFailure(facts: FailureFacts): FailureDecision {
  const limit = Math.min(facts.maxRetries, facts.rungs.length);
  switch (facts.category) {
    case ErrorCategory.Permanent:
      return { action: 'dead-letter', reason: DlqReason.PermanentError };
    case ErrorCategory.Unknown:
      if (facts.retryCount > 0 || limit === 0) return { action: 'dead-letter', reason: DlqReason.PermanentError };
      break;
    case ErrorCategory.Transient:
      if (facts.retryCount >= limit) return { action: 'dead-letter', reason: DlqReason.MaxRetries };
      break;
  }
  const rung = facts.rungs[facts.retryCount];
  if (rung === undefined) return { action: 'dead-letter', reason: DlqReason.MaxRetries };
  return { action: 'retry', rung, attempt: facts.retryCount + 1 };
}
