import { randomUUID } from 'node:crypto';
import type { Subscription } from '../broker/broker.js';
import type { MessageRecord } from './broker-message-table.js';
import type { PrefetchSlots } from './sql-delivery.js';

/** Most rows one claim statement takes, whatever the prefetch. */
export const MAX_CLAIM_BATCH = 500;

export interface SubscriptionLoopOptions {
  readonly queue: string;
  readonly prefetch: number;
  readonly pollIntervalMs: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** Leases up to `limit` ready rows of the queue, lowest id first. */
  claim(limit: number): Promise<MessageRecord[]>;
  /** Hands back rows claimed but not delivered (the subscription was cancelled meanwhile). */
  unclaim(records: readonly MessageRecord[]): Promise<void>;
  /** Hands one claimed row to the consumer; it counts against the prefetch until `release()`. */
  deliver(record: MessageRecord, slots: PrefetchSlots): void;
  /** A claim failed; the loop tries again after `retryInMs`. */
  onClaimFailed(error: unknown, retryInMs: number): void;
  /** Runs once when the loop has stopped, before `cancel()` resolves. */
  onStopped(): Promise<void>;
}

/**
 * The consuming side of one subscription: claims as many rows as its prefetch has room for, delivers
 * them in id order, and sleeps when the queue is empty (until `ring()` or the poll interval) or the
 * prefetch is full (until a delivery is settled).
 */
export class SubscriptionLoop implements Subscription, PrefetchSlots {
  readonly queue: string;
  /** Names this subscription in `broker_consumers`. */
  readonly consumerId = randomUUID();
  readonly #options: SubscriptionLoopOptions;
  #held = 0;
  #active = true;
  /** Set by `ring()`: there may be new rows, so the next sleep is skipped. */
  #rung = false;
  #waitingForRoom = false;
  #wake: (() => void) | undefined;
  #done: Promise<void> | undefined;
  #cancelled: Promise<void> | undefined;

  constructor(options: SubscriptionLoopOptions) {
    this.queue = options.queue;
    this.#options = options;
  }

  start(): void {
    this.#done ??= this.#run();
  }

  /** New rows may be in the queue: look now. */
  ring(): void {
    this.#rung = true;
    this.#wake?.();
  }

  /** A delivery was settled (or lost): its prefetch slot is free. */
  release(): void {
    this.#held -= 1;
    if (this.#waitingForRoom) this.#wake?.();
  }

  /** Stops claiming; resolves once no delivery can follow. Deliveries already made stay with the caller. */
  cancel(): Promise<void> {
    this.#cancelled ??= (async () => {
      this.#active = false;
      this.#wake?.();
      await this.#done;
      await this.#options.onStopped();
    })();
    return this.#cancelled;
  }

  async #run(): Promise<void> {
    const options = this.#options;
    let backoffMs = 0;
    while (this.#active) {
      const room = Math.min(options.prefetch - this.#held, MAX_CLAIM_BATCH);
      if (room <= 0) {
        this.#waitingForRoom = true;
        await this.#sleep(undefined);
        this.#waitingForRoom = false;
        continue;
      }
      this.#rung = false;
      let records: MessageRecord[];
      try {
        records = await options.claim(room);
        backoffMs = 0;
      } catch (error) {
        backoffMs = Math.min(options.backoffMaxMs, backoffMs === 0 ? options.backoffInitialMs : backoffMs * 2);
        options.onClaimFailed(error, backoffMs);
        await this.#sleep(backoffMs);
        continue;
      }
      let delivered = 0;
      for (const record of records) {
        // A handler may cancel the subscription; nothing is delivered after that.
        if (!this.#active) break;
        this.#held += 1;
        delivered += 1;
        options.deliver(record, this);
      }
      if (delivered < records.length) {
        // If this fails the rows' leases lapse and they come back as redelivered: late, never lost.
        await options.unclaim(records.slice(delivered)).catch(() => undefined);
      }
      if (records.length < room) await this.#sleep(options.pollIntervalMs);
    }
  }

  /** Waits `ms` (or until woken when undefined), unless rung or cancelled meanwhile. */
  #sleep(ms: number | undefined): Promise<void> {
    if (!this.#active || (this.#rung && ms !== undefined)) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      };
      if (ms !== undefined) timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }
}
