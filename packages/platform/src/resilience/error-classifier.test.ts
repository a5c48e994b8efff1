import { ErrorCategory, InvektoError } from '@invekto/contracts';
import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import {
  classifyError,
  classifyHttpStatus,
  countsAsBreakerFailure,
  isAbortError,
  isFailFastRejection,
  isNetworkError,
  isRetryableFailure,
  isTimeoutError,
} from './error-classifier.js';
import { breakerOpenError, bulkheadFullError } from './policy-errors.js';

const coded = (code: string): Error => Object.assign(new Error(code), { code });

describe('classifyError', () => {
  it('keeps the category of an InvektoError', () => {
    expect(classifyError(new InvektoError('INV-NET-004'))).toBe(ErrorCategory.Transient);
    expect(classifyError(new InvektoError('INV-NET-005'))).toBe(ErrorCategory.Permanent);
    expect(classifyError(new InvektoError('INV-SYS-003'))).toBe(ErrorCategory.Unknown);
  });

  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'ENOTFOUND',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
  ])('treats the network error %s as TRANSIENT', (code) => {
    expect(classifyError(coded(code))).toBe(ErrorCategory.Transient);
  });

  it('finds the socket error fetch puts in `cause`', () => {
    const fetchFailed = new TypeError('fetch failed', { cause: coded('ECONNREFUSED') });
    expect(classifyError(fetchFailed)).toBe(ErrorCategory.Transient);
  });

  it('finds an InvektoError in `cause` and uses its category', () => {
    expect(classifyError(new Error('wrapped', { cause: new InvektoError('INV-NET-005') }))).toBe(
      ErrorCategory.Permanent,
    );
  });

  it('stops at a cyclic cause chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(classifyError(a)).toBe(ErrorCategory.Unknown);
  });

  it('treats aborts, timeouts and cockatiel cancellations as TRANSIENT', () => {
    expect(classifyError(new DOMException('aborted', 'AbortError'))).toBe(ErrorCategory.Transient);
    expect(classifyError(new DOMException('timed out', 'TimeoutError'))).toBe(ErrorCategory.Transient);
    expect(classifyError(new TaskCancelledError())).toBe(ErrorCategory.Transient);
  });

  it('treats anything else as UNKNOWN', () => {
    expect(classifyError(new Error('boom'))).toBe(ErrorCategory.Unknown);
    expect(classifyError(coded('UND_ERR_INVALID_ARG'))).toBe(ErrorCategory.Unknown);
    expect(classifyError(coded('EACCES'))).toBe(ErrorCategory.Unknown);
    expect(classifyError('a string')).toBe(ErrorCategory.Unknown);
    expect(classifyError(undefined)).toBe(ErrorCategory.Unknown);
    expect(classifyError(null)).toBe(ErrorCategory.Unknown);
  });
});

describe('classifyHttpStatus', () => {
  it.each([
    [408, ErrorCategory.Transient],
    [429, ErrorCategory.Transient],
    [502, ErrorCategory.Transient],
    [503, ErrorCategory.Transient],
    [504, ErrorCategory.Transient],
    [400, ErrorCategory.Permanent],
    [401, ErrorCategory.Permanent],
    [404, ErrorCategory.Permanent],
    [409, ErrorCategory.Permanent],
    [422, ErrorCategory.Permanent],
    [500, ErrorCategory.Unknown],
    [501, ErrorCategory.Unknown],
    [302, ErrorCategory.Unknown],
  ])('classifies %i as %s by default (App. D.3)', (status, category) => {
    expect(classifyHttpStatus(status)).toBe(category);
  });

  it('uses the policy list: SyncMicroservice does not retry 429, ExternalApi retries 500', () => {
    expect(classifyHttpStatus(429, [408, 502, 503, 504])).toBe(ErrorCategory.Permanent);
    expect(classifyHttpStatus(500, [429, 500, 502, 503, 504])).toBe(ErrorCategory.Transient);
  });
});

describe('guards', () => {
  it('isNetworkError recognises socket and undici codes but not usage errors', () => {
    expect(isNetworkError(coded('ECONNRESET'))).toBe(true);
    expect(isNetworkError(coded('UND_ERR_HEADERS_TIMEOUT'))).toBe(true);
    expect(isNetworkError(coded('UND_ERR_NOT_SUPPORTED'))).toBe(false);
    expect(isNetworkError(coded('ERR_INVALID_URL'))).toBe(false);
    expect(isNetworkError(new Error('ECONNRESET'))).toBe(false);
    expect(isNetworkError({ code: 42 })).toBe(false);
    expect(isNetworkError(null)).toBe(false);
  });

  it('isAbortError recognises AbortError by name only', () => {
    const controller = new AbortController();
    controller.abort();
    expect(isAbortError(controller.signal.reason)).toBe(true);
    expect(isAbortError(new DOMException('x', 'TimeoutError'))).toBe(false);
    expect(isAbortError(new Error('AbortError'))).toBe(false);
  });

  it('isTimeoutError recognises TimeoutError by name only', () => {
    expect(isTimeoutError(new DOMException('x', 'TimeoutError'))).toBe(true);
    expect(isTimeoutError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isTimeoutError('TimeoutError')).toBe(false);
  });

  it('isFailFastRejection recognises open breakers and full bulkheads, raw or mapped', () => {
    expect(isFailFastRejection(new BrokenCircuitError())).toBe(true);
    expect(isFailFastRejection(new BulkheadRejectedError(1, 0))).toBe(true);
    expect(isFailFastRejection(breakerOpenError('SyncMicroservice:x'))).toBe(true);
    expect(isFailFastRejection(bulkheadFullError('SyncMicroservice:x', { maxConcurrency: 1, maxQueue: 0 }))).toBe(true);
    expect(isFailFastRejection(new InvektoError('INV-NET-004'))).toBe(false);
    expect(isFailFastRejection(new TaskCancelledError())).toBe(false);
  });

  it('isRetryableFailure is true for TRANSIENT only, and never for fail-fast rejections', () => {
    expect(isRetryableFailure(coded('ECONNREFUSED'))).toBe(true);
    expect(isRetryableFailure(new InvektoError('INV-NET-004'))).toBe(true);
    expect(isRetryableFailure(new InvektoError('INV-NET-005'))).toBe(false);
    expect(isRetryableFailure(new Error('unknown'))).toBe(false);
    expect(isRetryableFailure(breakerOpenError('k'))).toBe(false);
    expect(isRetryableFailure(bulkheadFullError('k', { maxConcurrency: 1, maxQueue: 0 }))).toBe(false);
  });

  it('countsAsBreakerFailure counts TRANSIENT and UNKNOWN, not PERMANENT or our bulkhead', () => {
    expect(countsAsBreakerFailure(coded('ECONNREFUSED'))).toBe(true);
    expect(countsAsBreakerFailure(new Error('unknown'))).toBe(true);
    expect(countsAsBreakerFailure(new InvektoError('INV-NET-005'))).toBe(false);
    expect(countsAsBreakerFailure(new BulkheadRejectedError(1, 0))).toBe(false);
  });
});
