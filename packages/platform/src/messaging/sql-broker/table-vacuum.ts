/**
 * Vacuums and analyzes the message table after this broker wrote enough rows to it. PGlite runs
 * PostgreSQL as a single-user backend, where autovacuum never runs. Without vacuuming, every acknowledged
 * message left a dead row and index entry behind for good: an empty claim slowed from 0.8 ms to 16 ms after
 * 24 000 messages (the table had grown to 25 MB). Without statistics the planner sorted the whole queue on
 * every claim: 50-65 ms per claim of 50 from a 20 000-message backlog, 1.5 ms after ANALYZE (measured on
 * PGlite). On PostgreSQL autovacuum does the same job and the extra plain VACUUM (no exclusive lock) is
 * cheap.
 */
export class TableVacuum {
  readonly #run: () => Promise<void>;
  readonly #everyRows: number;
  readonly #onFailed: (error: unknown) => void;
  #changed = 0;
  #running: Promise<void> | undefined;
  #stopped = false;

  /**
   * @param run the VACUUM statement
   * @param everyRows rows inserted, updated or deleted between two vacuums
   */
  constructor(run: () => Promise<void>, everyRows: number, onFailed: (error: unknown) => void) {
    this.#run = run;
    this.#everyRows = everyRows;
    this.#onFailed = onFailed;
  }

  /** Counts rows just inserted, updated or deleted; may start a vacuum in the background. */
  changed(count: number): void {
    this.#changed += count;
    if (this.#changed < this.#everyRows || this.#running !== undefined || this.#stopped) return;
    this.#changed = 0;
    this.#running = this.#run()
      .catch((error: unknown) => this.#onFailed(error))
      .finally(() => (this.#running = undefined));
  }

  /** Starts no more vacuums; resolves once a running one has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#running;
  }
}
