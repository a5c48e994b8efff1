import * as cockatiel from 'cockatiel';
import { BrokenCircuitError, BulkheadRejectedError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import {
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isIsolatedCircuitError,
  isTaskCancelledError,
} from './cockatiel-errors.js';

describe('cockatiel error guards', () => {
  it('isBrokenCircuitError is true for open and isolated circuits only', () => {
    expect(isBrokenCircuitError(new BrokenCircuitError())).toBe(true);
    expect(isBrokenCircuitError(new IsolatedCircuitError())).toBe(true);
    expect(isBrokenCircuitError(new BulkheadRejectedError(1, 0))).toBe(false);
    expect(isBrokenCircuitError(new Error('circuit open'))).toBe(false);
    expect(isBrokenCircuitError(undefined)).toBe(false);
  });

  it('isIsolatedCircuitError is true for isolated circuits only', () => {
    expect(isIsolatedCircuitError(new IsolatedCircuitError())).toBe(true);
    expect(isIsolatedCircuitError(new BrokenCircuitError())).toBe(false);
    expect(isIsolatedCircuitError(new BulkheadRejectedError(1, 0))).toBe(false);
  });

  it('isBulkheadRejectedError is true for bulkhead rejections only', () => {
    expect(isBulkheadRejectedError(new BulkheadRejectedError(1, 0))).toBe(true);
    expect(isBulkheadRejectedError(new TaskCancelledError())).toBe(false);
    expect(isBulkheadRejectedError({ isBulkheadRejectedError: 'yes' })).toBe(false);
  });

  it('isTaskCancelledError is true for cancellations only', () => {
    expect(isTaskCancelledError(new TaskCancelledError())).toBe(true);
    expect(isTaskCancelledError(new BulkheadRejectedError(1, 0))).toBe(false);
    expect(isTaskCancelledError(new DOMException('x', 'AbortError'))).toBe(false);
  });

  it('regression: cockatiel 3.2.1 guards check the wrong marker, which is why we keep our own', () => {
    expect(cockatiel.isTaskCancelledError(new TaskCancelledError())).toBe(false);
    expect(cockatiel.isTaskCancelledError(new BulkheadRejectedError(1, 0))).toBe(true);
    expect(cockatiel.isIsolatedCircuitError(new IsolatedCircuitError())).toBe(false);
  });
});
