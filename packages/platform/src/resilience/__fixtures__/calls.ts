import { InvektoError } from '@invekto/contracts';

/** What a socket refusal looks like when fetch reports it. */
export function connectionRefused(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });
}

/** A 400 from the dependency, as the client reports it. */
export function rejectedByDependency(): InvektoError {
  return new InvektoError('INV-NET-005');
}

/** A dependency call that only ends when its signal aborts, as fetch does. */
export function hangUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** A dependency call that ignores its signal and never ends. */
export function hangForever(): Promise<never> {
  return new Promise(() => undefined);
}

export interface Settlement<T> {
  settled: boolean;
  value?: T;
  error?: unknown;
  /** `Date.now()` when it settled; fake timers make this exact. */
  at?: number;
}

/** Observes a promise without awaiting it, so fake time can be advanced while it runs. */
export function track<T>(promise: Promise<T>): Settlement<T> {
  const settlement: Settlement<T> = { settled: false };
  promise.then(
    (value) => Object.assign(settlement, { settled: true, value, at: Date.now() }),
    (error: unknown) => Object.assign(settlement, { settled: true, error, at: Date.now() }),
  );
  return settlement;
}
