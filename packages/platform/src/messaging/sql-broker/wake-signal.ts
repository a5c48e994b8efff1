import type { SqlStore } from '../../store/sql/sql-store.js';

type Listener = () => void;

/**
 * In-process doorbell per queue: a broker that writes rows into a queue rings it, and every subscription
 * of that queue in this process — on any broker instance over the same store — looks at once instead of
 * at its next poll. Other processes are reached by polling only.
 */
export class WakeSignal {
  static readonly #byStore = new WeakMap<SqlStore, WakeSignal>();

  /** The signal shared by every broker of this process on `store`. */
  static of(store: SqlStore): WakeSignal {
    let signal = WakeSignal.#byStore.get(store);
    if (signal === undefined) {
      signal = new WakeSignal();
      WakeSignal.#byStore.set(store, signal);
    }
    return signal;
  }

  readonly #listeners = new Map<string, Set<Listener>>();

  /** Calls `listener` whenever `queue` is rung; returns the function that stops it. */
  listen(queue: string, listener: Listener): () => void {
    let set = this.#listeners.get(queue);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(queue, set);
    }
    const entry: Listener = () => listener();
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.#listeners.get(queue) === set) this.#listeners.delete(queue);
    };
  }

  ring(queues: Iterable<string>): void {
    for (const queue of queues) {
      const set = this.#listeners.get(queue);
      if (set !== undefined) for (const listener of [...set]) listener();
    }
  }
}
