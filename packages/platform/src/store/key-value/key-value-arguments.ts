import { InvektoError } from '@invekto/contracts';

/** Argument checks shared by both adapters, so a bad call fails the same way on either. */
export function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new TypeError('A key-value store key must be a non-empty string.');
  }
}

export function assertValue(name: string, value: string): void {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string; JSON-encode anything richer, got ${typeof value}.`);
  }
}

export function assertTtlMs(ttlMs: number | undefined): void {
  if (ttlMs === undefined) return;
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`ttlMs must be a whole number of milliseconds greater than 0, got ${String(ttlMs)}.`);
  }
}

export function assertIncrement(by: number): void {
  if (!Number.isSafeInteger(by)) {
    throw new RangeError(`increment "by" must be a safe integer, got ${String(by)}.`);
  }
}

export function closedError(store: string): InvektoError {
  return new InvektoError('INV-SYS-004', { message: `The ${store} key-value store is closed.` });
}

export function notAnIntegerError(key: string): InvektoError {
  return new InvektoError('INV-NET-005', {
    message: 'The value stored at this key is not an integer, so it cannot be incremented.',
    details: `key ${key}`,
  });
}
