/** What a flush decided for one item. */
export type ItemOutcome<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

interface Pending<T, R> {
  readonly item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: items submitted while a flush is running (or within the same event-loop turn) are written
 * together by the next flush, so N concurrent acknowledgements cost one statement instead of N. An idle
 * batcher flushes on the next turn, so a lone item waits no timer. At most one flush runs at a time.
 */
export class GroupCommit<T, R> {
  readonly #flush: (items: T[]) => Promise<ItemOutcome<R>[]>;
  readonly #maxBatch: number;
  #pending: Pending<T, R>[] = [];
  #running: Promise<void> | undefined;

  /**
   * @param flush writes the items and returns one outcome per item, in order; if it throws, every item of
   *   the batch fails with that error.
   */
  constructor(flush: (items: T[]) => Promise<ItemOutcome<R>[]>, maxBatch: number) {
    this.#flush = flush;
    this.#maxBatch = maxBatch;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      this.#running ??= this.#run();
    });
  }

  /** Resolves once every item submitted so far has been flushed. */
  async drain(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #run(): Promise<void> {
    // Let the rest of this turn (a burst of acks from one batch of deliveries) join the first flush.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#maxBatch);
      try {
        const outcomes = await this.#flush(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => {
          const outcome = outcomes[i];
          if (outcome === undefined) entry.reject(new Error('group commit: the flush returned no outcome'));
          else if (outcome.ok) entry.resolve(outcome.value);
          else entry.reject(outcome.error);
        });
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.#running = undefined;
  }
}
