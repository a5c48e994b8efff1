const BUCKET_MS = 1_000;

/**
 * Events per second over a sliding window of whole seconds (one minute by default), counted in this
 * process only. Young windows divide by the time actually observed, so a broker up for five seconds
 * reports the rate of those five seconds rather than a twelfth of it.
 */
export class RateWindow {
  readonly #buckets: number[];
  readonly #now: () => number;
  readonly #startedAt: number;
  /** Index (in seconds since the epoch) of the newest bucket written. */
  #head: number;

  constructor(now: () => number = Date.now, windowSeconds = 60) {
    this.#now = now;
    this.#buckets = new Array<number>(windowSeconds).fill(0);
    this.#startedAt = now();
    this.#head = Math.floor(this.#startedAt / BUCKET_MS);
  }

  add(count = 1): void {
    const second = this.#advance();
    const slot = second % this.#buckets.length;
    this.#buckets[slot] = (this.#buckets[slot] ?? 0) + count;
  }

  /** Events per second over the window, or over the time since the counter started if that is shorter. */
  perSecond(): number {
    this.#advance();
    const total = this.#buckets.reduce((sum, n) => sum + n, 0);
    const observedMs = Math.min(this.#buckets.length * BUCKET_MS, Math.max(BUCKET_MS, this.#now() - this.#startedAt));
    return total / (observedMs / BUCKET_MS);
  }

  /** Moves the head to the current second, zeroing the buckets it passes; returns the current second. */
  #advance(): number {
    const second = Math.floor(this.#now() / BUCKET_MS);
    const steps = Math.min(second - this.#head, this.#buckets.length);
    for (let i = 1; i <= steps; i += 1) this.#buckets[(this.#head + i) % this.#buckets.length] = 0;
    if (second > this.#head) this.#head = second;
    return this.#head;
  }
}
