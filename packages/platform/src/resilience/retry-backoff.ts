import { isInvektoError } from '@invekto/contracts';
import { DelegateBackoff, type IBackoffFactory, type IRetryBackoffContext } from 'cockatiel';
import type { RetryOptions } from './policy-options.js';

/** A source of uniform numbers in [0, 1); `Math.random` unless a test pins it. */
export type RandomSource = () => number;

type DelayOptions = Pick<RetryOptions, 'backoff' | 'baseDelayMs' | 'maxJitterMs' | 'maxDelayMs'>;

/**
 * Milliseconds to wait before retry number `retry` (1 for the first retry); see `RetryOptions` for
 * the formula. A `retryAfterMs` hint on the failure (a 429's Retry-After) lengthens the wait but
 * never past `maxDelayMs`: the overall timeout would end the call anyway.
 */
export function retryDelayMs(retry: number, options: DelayOptions, random: RandomSource, failure?: unknown): number {
  const factor = options.backoff === 'exponential' ? 2 ** Math.max(0, retry - 1) : 1;
  const jitter = Math.min(options.maxJitterMs, Math.floor(random() * (options.maxJitterMs + 1)));
  const hint = isInvektoError(failure) ? (failure.retryAfterMs ?? 0) : 0;
  return Math.min(options.maxDelayMs, Math.max(options.baseDelayMs * factor + jitter, hint));
}

/** The backoff factory handed to cockatiel's `retry`; it computes every wait with `retryDelayMs`. */
export function createRetryBackoff(
  options: DelayOptions,
  random: RandomSource,
): IBackoffFactory<IRetryBackoffContext<unknown>> {
  return new DelegateBackoff<IRetryBackoffContext<unknown>>((context) =>
    retryDelayMs(context.attempt, options, random, 'error' in context.result ? context.result.error : undefined),
  );
}
