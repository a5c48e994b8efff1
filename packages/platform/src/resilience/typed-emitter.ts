/** Stops a subscription; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** Subscribes to one event; payloads are typed by the event map. */
export type Subscribe<T> = (listener: (event: T) => void) => Unsubscribe;

/** Receives errors thrown by listeners, so a broken metrics hook never fails a call. */
export type ListenerErrorHandler = (error: unknown, event: string) => void;

const warnListenerError: ListenerErrorHandler = (error, event) => {
  process.emitWarning(
    `A listener for the resilience event "${event}" threw: ${String(error)}`,
    'ResilienceListenerWarning',
  );
};

/**
 * A small synchronous emitter over an event map. Listeners run in subscription order; a listener
 * that throws is reported to `onListenerError` and the others still run.
 */
export class TypedEmitter<Events extends { [K in keyof Events]: unknown }> {
  readonly #listeners = new Map<keyof Events, Set<(event: never) => void>>();
  readonly #onListenerError: ListenerErrorHandler;

  constructor(onListenerError: ListenerErrorHandler = warnListenerError) {
    this.#onListenerError = onListenerError;
  }

  on<K extends keyof Events>(name: K, listener: (event: Events[K]) => void): Unsubscribe {
    let set = this.#listeners.get(name);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    // A wrapper makes each subscription distinct, even for the same function subscribed twice.
    const entry = (event: Events[K]): void => listener(event);
    set.add(entry as (event: never) => void);
    return () => {
      set.delete(entry as (event: never) => void);
    };
  }

  /** The `Subscribe` function for one event, for exposing as `onRetry`, `onBreak`, ... */
  subscriber<K extends keyof Events>(name: K): Subscribe<Events[K]> {
    return (listener) => this.on(name, listener);
  }

  emit<K extends keyof Events>(name: K, event: Events[K]): void {
    const set = this.#listeners.get(name);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as (event: Events[K]) => void)(event);
      } catch (error) {
        this.#onListenerError(error, String(name));
      }
    }
  }

  listenerCount(name: keyof Events): number {
    return this.#listeners.get(name)?.size ?? 0;
  }

  removeAllListeners(): void {
    this.#listeners.clear();
  }
}
