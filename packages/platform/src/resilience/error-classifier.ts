import { ErrorCategory, isInvektoError } from '@invekto/contracts';
import { isBrokenCircuitError, isBulkheadRejectedError, isTaskCancelledError } from './cockatiel-errors.js';
import { isBreakerOpenError, isBulkheadFullError } from './policy-errors.js';

/*
 * Which failures: this module only names categories; policies decide what to do with them.
 *
 *   retry    TRANSIENT only. UNKNOWN is not retried in sync calls although App. D.2 allows one
 *            conditional retry: an unexplained failure inside a 600 ms budget is more often a bug
 *            than a blip, and the async retry ladder still gets its turn.
 *   breaker  TRANSIENT and UNKNOWN count, PERMANENT does not: a 400 or 404 from a dependency says
 *            the caller sent something wrong, not that the dependency is unhealthy, so a burst of
 *            bad requests must not cut every tenant off from a healthy service.
 *   neither  Fail-fast rejections (open breaker, full bulkhead) are never retried (App. D.2
 *            "CIRCUIT OPEN: fast fail"), and our own bulkhead's rejection is local overload, so it
 *            does not count against the dependency's breaker.
 */

/** Node socket and DNS error codes that mean "try again": the network, not the request, failed. */
const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND', // App. D.1 "DNS resolution fail" is transient
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
]);

/**
 * undici (Node's fetch) reports socket trouble as `UND_ERR_*`. These few are usage or protocol
 * errors that a retry cannot fix, so they stay UNKNOWN.
 */
const UNDICI_NON_TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_INVALID_RETURN_VALUE',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_BPL_MISSING_UPSTREAM',
  'UND_ERR_RESPONSE_STATUS_CODE',
]);

/** App. D.3: statuses worth retrying when a policy names none of its own. */
export const DEFAULT_TRANSIENT_HTTP_STATUSES: readonly number[] = Object.freeze([408, 429, 502, 503, 504]);

/** fetch wraps the socket error: `TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })`. */
const MAX_CAUSE_DEPTH = 8;

/**
 * The category of anything thrown: an `InvektoError` keeps its own; network errors, aborts and
 * timeouts are TRANSIENT; everything else is UNKNOWN. The `cause` chain is searched, nearest first.
 */
export function classifyError(error: unknown): ErrorCategory {
  for (const link of causeChain(error)) {
    if (isInvektoError(link)) return link.category;
    if (isNetworkError(link) || isAbortError(link) || isTimeoutError(link) || isTaskCancelledError(link)) {
      return ErrorCategory.Transient;
    }
  }
  return ErrorCategory.Unknown;
}

/**
 * The category of a failed HTTP status from a dependency: listed statuses are TRANSIENT, other
 * 4xx PERMANENT (the request was wrong), other 5xx and anything else UNKNOWN (App. D.1: 500).
 */
export function classifyHttpStatus(
  status: number,
  transientStatuses: readonly number[] = DEFAULT_TRANSIENT_HTTP_STATUSES,
): ErrorCategory {
  if (transientStatuses.includes(status)) return ErrorCategory.Transient;
  if (status >= 400 && status <= 499) return ErrorCategory.Permanent;
  return ErrorCategory.Unknown;
}

/** A Node or undici socket/DNS failure, recognised by its `code` (this error only, not its causes). */
export function isNetworkError(value: unknown): value is Error & { code: string } {
  const code = codeOf(value);
  if (code === undefined) return false;
  if (NETWORK_ERROR_CODES.has(code)) return true;
  return code.startsWith('UND_ERR_') && !UNDICI_NON_TRANSIENT_CODES.has(code);
}

/** An `AbortError`, as fetch and `AbortSignal.abort()` throw. */
export function isAbortError(value: unknown): value is Error {
  return nameOf(value) === 'AbortError';
}

/** A `TimeoutError`, as `AbortSignal.timeout()` throws. */
export function isTimeoutError(value: unknown): value is Error {
  return nameOf(value) === 'TimeoutError';
}

/** A rejection that exists to fail fast; retrying it would defeat its purpose. */
export function isFailFastRejection(value: unknown): boolean {
  return (
    isBrokenCircuitError(value) ||
    isBulkheadRejectedError(value) ||
    isBreakerOpenError(value) ||
    isBulkheadFullError(value)
  );
}

/** Retry filter of every named policy. */
export function isRetryableFailure(error: unknown): boolean {
  return classifyError(error) === ErrorCategory.Transient && !isFailFastRejection(error);
}

/** Breaker filter of every named policy. */
export function countsAsBreakerFailure(error: unknown): boolean {
  return classifyError(error) !== ErrorCategory.Permanent && !isBulkheadRejectedError(error);
}

function* causeChain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let link = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && link !== undefined && link !== null && !seen.has(link); depth++) {
    seen.add(link);
    yield link;
    link = typeof link === 'object' ? (link as { cause?: unknown }).cause : undefined;
  }
}

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}
