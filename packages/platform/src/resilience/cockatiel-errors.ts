import type { BrokenCircuitError, BulkheadRejectedError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel';

/*
 * Guards for the errors cockatiel throws, by the marker property each class sets. We do not use
 * cockatiel 3.2.1's own `isTaskCancelledError` / `isIsolatedCircuitError`: both test the
 * `isBulkheadRejectedError` marker, so they answer false for the errors they are named after.
 * Marker checks (not `instanceof`) also survive two copies of cockatiel in one process.
 */

function hasMarker(value: unknown, marker: string): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[marker] === true;
}

/** The circuit is open or isolated (`IsolatedCircuitError` extends `BrokenCircuitError`). */
export function isBrokenCircuitError(value: unknown): value is BrokenCircuitError {
  return hasMarker(value, 'isBrokenCircuitError');
}

/** The circuit was isolated by hand (`BreakerRegistry.isolate`). */
export function isIsolatedCircuitError(value: unknown): value is IsolatedCircuitError {
  return hasMarker(value, 'isIsolatedCircuitError');
}

/** The bulkhead had no free slot and no queue space. */
export function isBulkheadRejectedError(value: unknown): value is BulkheadRejectedError {
  return hasMarker(value, 'isBulkheadRejectedError');
}

/** A timeout fired or a signal aborted inside a cockatiel policy. */
export function isTaskCancelledError(value: unknown): value is TaskCancelledError {
  return hasMarker(value, 'isTaskCancelledError');
}
