import { InvektoError, isInvektoError } from '@invekto/contracts';

/*
 * The errors a policy itself rejects with. Callers recognise them by `code` through these guards,
 * never by class: the HTTP layer maps them to 503 / 504 and partial responses.
 */

export type BreakerOpenError = InvektoError & { readonly code: 'INV-SYS-001' };
export type BulkheadFullError = InvektoError & { readonly code: 'INV-SYS-005' };
export type DependencyTimeoutError = InvektoError & { readonly code: 'INV-NET-001' };

/** The breaker for `key` is open or isolated; the call failed fast without reaching the dependency. */
export function breakerOpenError(
  key: string,
  options: { retryAfterMs?: number; isolated?: boolean; cause?: unknown } = {},
): BreakerOpenError {
  const how = options.isolated === true ? 'isolated by an operator' : 'open';
  return new InvektoError('INV-SYS-001', {
    details: `circuit breaker ${key} is ${how}`,
    ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs }),
    cause: options.cause,
  }) as BreakerOpenError;
}

/** The bulkhead for `key` had every slot busy and its queue full. */
export function bulkheadFullError(
  key: string,
  limits: { maxConcurrency: number; maxQueue: number },
  cause?: unknown,
): BulkheadFullError {
  return new InvektoError('INV-SYS-005', {
    details: `bulkhead ${key} is full (${limits.maxConcurrency} running, ${limits.maxQueue} queued)`,
    cause,
  }) as BulkheadFullError;
}

/** The overall budget or one attempt's budget ran out before the dependency answered. */
export function dependencyTimeoutError(
  key: string,
  timeout: { scope: 'overall' | 'attempt'; timeoutMs: number; attempt?: number },
  cause?: unknown,
): DependencyTimeoutError {
  const what = timeout.scope === 'overall' ? 'call' : `attempt ${timeout.attempt ?? 0}`;
  return new InvektoError('INV-NET-001', {
    details: `${key}: ${what} timed out after ${timeout.timeoutMs} ms`,
    cause,
  }) as DependencyTimeoutError;
}

/** INV-SYS-001: the breaker was open; answer from cache or a partial response (App. E.3). */
export function isBreakerOpenError(value: unknown): value is BreakerOpenError {
  return isInvektoError(value) && value.code === 'INV-SYS-001';
}

/** INV-SYS-005: too many calls in flight to the dependency; shed load. */
export function isBulkheadFullError(value: unknown): value is BulkheadFullError {
  return isInvektoError(value) && value.code === 'INV-SYS-005';
}

/** INV-NET-001: the dependency did not answer within the budget. */
export function isDependencyTimeoutError(value: unknown): value is DependencyTimeoutError {
  return isInvektoError(value) && value.code === 'INV-NET-001';
}
