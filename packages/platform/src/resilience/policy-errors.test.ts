import { InvektoError, isInvektoError } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import {
  breakerOpenError,
  bulkheadFullError,
  dependencyTimeoutError,
  isBreakerOpenError,
  isBulkheadFullError,
  isDependencyTimeoutError,
} from './policy-errors.js';

describe('policy errors', () => {
  it('breakerOpenError is INV-SYS-001, 503, TRANSIENT, with the retry hint', () => {
    const error = breakerOpenError('SyncMicroservice:chat-analysis', { retryAfterMs: 1200 });
    expect(isInvektoError(error)).toBe(true);
    expect([error.code, error.httpStatus, error.category, error.retryAfterMs]).toEqual([
      'INV-SYS-001',
      503,
      'TRANSIENT',
      1200,
    ]);
    expect(error.details).toBe('circuit breaker SyncMicroservice:chat-analysis is open');
    expect(breakerOpenError('k', { isolated: true }).details).toBe('circuit breaker k is isolated by an operator');
  });

  it('bulkheadFullError is INV-SYS-005, 503', () => {
    const error = bulkheadFullError('ExternalApi:maps', { maxConcurrency: 20, maxQueue: 50 });
    expect([error.code, error.httpStatus, error.category]).toEqual(['INV-SYS-005', 503, 'TRANSIENT']);
    expect(error.details).toBe('bulkhead ExternalApi:maps is full (20 running, 50 queued)');
  });

  it('dependencyTimeoutError is INV-NET-001, 504, and names the budget', () => {
    const attempt = dependencyTimeoutError('k', { scope: 'attempt', timeoutMs: 50, attempt: 1 });
    expect([attempt.code, attempt.httpStatus, attempt.category]).toEqual(['INV-NET-001', 504, 'TRANSIENT']);
    expect(attempt.details).toBe('k: attempt 1 timed out after 50 ms');
    expect(dependencyTimeoutError('k', { scope: 'overall', timeoutMs: 600 }).details).toBe(
      'k: call timed out after 600 ms',
    );
  });

  it('isBreakerOpenError checks the code', () => {
    expect(isBreakerOpenError(breakerOpenError('k'))).toBe(true);
    expect(isBreakerOpenError(new InvektoError('INV-SYS-001'))).toBe(true);
    expect(isBreakerOpenError(new InvektoError('INV-SYS-005'))).toBe(false);
    expect(isBreakerOpenError({ code: 'INV-SYS-001' })).toBe(false);
  });

  it('isBulkheadFullError checks the code', () => {
    expect(isBulkheadFullError(bulkheadFullError('k', { maxConcurrency: 1, maxQueue: 0 }))).toBe(true);
    expect(isBulkheadFullError(new InvektoError('INV-SYS-002'))).toBe(false);
    expect(isBulkheadFullError(new Error('INV-SYS-005'))).toBe(false);
  });

  it('isDependencyTimeoutError checks the code', () => {
    expect(isDependencyTimeoutError(dependencyTimeoutError('k', { scope: 'overall', timeoutMs: 1 }))).toBe(true);
    expect(isDependencyTimeoutError(new InvektoError('INV-NET-002'))).toBe(false);
    expect(isDependencyTimeoutError(new DOMException('x', 'TimeoutError'))).toBe(false);
  });
});
