export interface ExpirySweeperOptions {
  /** Dead-letters one batch of expired messages; `full` when there may be more right now. */
  sweep(): Promise<{ readonly full: boolean }>;
  /** Milliseconds until the earliest known expiry (≤ 0 when overdue), or null when nothing expires. */
  nextExpiryInMs(): Promise<number | null>;
  /** Longest sleep: bounds how late expiries this process was not told about are noticed. */
  readonly maxIntervalMs: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** A sweep failed; the sweeper tries again after `retryInMs`. */
  onSweepFailed(error: unknown, retryInMs: number): void;
}

/** First pause when the earliest expiry is overdue yet was not swept (another sweeper holds its row). */
const OVERDUE_PAUSE_MS = 5;

/**
 * Runs the TTL expiry of the embedded broker: sweeps, then sleeps until the earliest expiry in the
 * table (at most `maxIntervalMs`), so a message on a 2 s retry rung returns to its job queue about 2 s
 * after it was parked rather than at the next blind poll. `hint()` brings the wake-up forward for an
 * expiry this process just wrote. Several sweepers (processes, broker instances) may run at once: a
 * sweep skips the rows another one has locked.
 */
export class ExpirySweeper {
  readonly #options: ExpirySweeperOptions;
  #active = false;
  #done: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;
  /** Epoch ms (process clock) the current sleep ends at; undefined while sweeping. */
  #wakeAt: number | undefined;
  /** Earliest hinted expiry that arrived while sweeping. */
  #hintAt: number | undefined;

  constructor(options: ExpirySweeperOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#active) return;
    this.#active = true;
    this.#done = this.#run();
  }

  /** An expiry in `inMs` milliseconds was just written: wake up for it if that is earlier than planned. */
  hint(inMs: number): void {
    if (!this.#active) return;
    const at = Date.now() + Math.max(0, inMs);
    if (this.#wakeAt === undefined) {
      this.#hintAt = Math.min(this.#hintAt ?? at, at);
    } else if (at < this.#wakeAt) {
      this.#schedule(at - Date.now());
    }
  }

  async stop(): Promise<void> {
    this.#active = false;
    this.#wake?.();
    await this.#done;
  }

  async #run(): Promise<void> {
    const options = this.#options;
    let backoffMs = 0;
    let overdueMs = 0;
    while (this.#active) {
      this.#wakeAt = undefined;
      this.#hintAt = undefined;
      let waitMs: number;
      try {
        while (this.#active && (await options.sweep()).full);
        const next = await options.nextExpiryInMs();
        backoffMs = 0;
        if (next !== null && next <= 0) {
          overdueMs = Math.min(options.maxIntervalMs, overdueMs === 0 ? OVERDUE_PAUSE_MS : overdueMs * 2);
          waitMs = overdueMs;
        } else {
          overdueMs = 0;
          waitMs = next === null ? options.maxIntervalMs : Math.min(next, options.maxIntervalMs);
        }
      } catch (error) {
        backoffMs = Math.min(options.backoffMaxMs, backoffMs === 0 ? options.backoffInitialMs : backoffMs * 2);
        options.onSweepFailed(error, backoffMs);
        waitMs = backoffMs;
      }
      if (this.#hintAt !== undefined) waitMs = Math.min(waitMs, Math.max(0, this.#hintAt - Date.now()));
      if (!this.#active) break;
      await new Promise<void>((resolve) => {
        this.#wake = () => {
          clearTimeout(this.#timer);
          this.#wake = undefined;
          resolve();
        };
        this.#schedule(waitMs);
      });
    }
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#wakeAt = Date.now() + ms;
    // Housekeeping must not keep an otherwise finished process alive; close() stops it anyway.
    this.#timer = setTimeout(() => this.#wake?.(), ms).unref();
  }
}
