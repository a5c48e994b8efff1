/**
 * Runs at most `limit` tasks at once; the rest wait in arrival order. The broker's prefetch bounds how
 * many can wait, so the queue here never grows past it.
 */
export class ConcurrencyGate<T> {
  readonly #limit: number;
  readonly #run: (item: T) => Promise<void>;
  readonly #waiting: T[] = [];
  #running = 0;

  constructor(limit: number, run: (item: T) => Promise<void>) {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be an integer >= 1, got ${limit}.`);
    this.#limit = limit;
    this.#run = run;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  push(item: T): void {
    this.#waiting.push(item);
    this.#pump();
  }

  /** Removes and returns every item that has not started. */
  drainWaiting(): T[] {
    return this.#waiting.splice(0);
  }

  #pump(): void {
    while (this.#running < this.#limit && this.#waiting.length > 0) {
      const item = this.#waiting.shift() as T;
      this.#running += 1;
      void this.#run(item).finally(() => {
        this.#running -= 1;
        this.#pump();
      });
    }
  }
}
