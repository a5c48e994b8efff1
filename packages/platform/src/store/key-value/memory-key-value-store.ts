import { InvektoError } from '@invekto/contracts';
import {
  assertIncrement,
  assertKey,
  assertTtlMs,
  assertValue,
  closedError,
  notAnIntegerError,
} from './key-value-arguments.js';
import type { IncrementOptions, KeyValueStore, SetIfAbsentOptions, SetOptions } from './key-value-store.js';

export interface MemoryKeyValueStoreOptions {
  /** Clock in epoch milliseconds; tests pass a fake one. @default Date.now */
  readonly now?: () => number;
  /** Most live keys held; writes of new keys beyond it are refused, never made room for by dropping. @default 1_000_000 */
  readonly maxKeys?: number;
  /** How often expired keys are swept in the background; 0 turns the sweep off. @default 60_000 */
  readonly sweepIntervalMs?: number;
}

export const MEMORY_KEY_VALUE_STORE_DEFAULTS = Object.freeze({
  maxKeys: 1_000_000,
  sweepIntervalMs: 60_000,
});

interface Entry {
  value: string;
  /** Epoch milliseconds at which the key stops existing; `undefined` for never. */
  expiresAt: number | undefined;
}

const INTEGER = /^(0|-?[1-9]\d*)$/;

/**
 * The embedded `KeyValueStore`: a Map with expiries, for one process. Expired keys are invisible at once,
 * removed when touched and by a periodic sweep whose timer never keeps the process alive.
 * Everything runs synchronously inside each call, so every operation is atomic.
 */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #maxKeys: number;
  readonly #sweepTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: MemoryKeyValueStoreOptions = {}) {
    const maxKeys = options.maxKeys ?? MEMORY_KEY_VALUE_STORE_DEFAULTS.maxKeys;
    const sweepIntervalMs = options.sweepIntervalMs ?? MEMORY_KEY_VALUE_STORE_DEFAULTS.sweepIntervalMs;
    if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) {
      throw new RangeError(`maxKeys must be a whole number of at least 1, got ${String(maxKeys)}.`);
    }
    if (!Number.isSafeInteger(sweepIntervalMs) || sweepIntervalMs < 0) {
      throw new RangeError(`sweepIntervalMs must be a whole number of 0 or more, got ${String(sweepIntervalMs)}.`);
    }
    this.#now = options.now ?? Date.now;
    this.#maxKeys = maxKeys;
    if (sweepIntervalMs > 0) {
      this.#sweepTimer = setInterval(() => this.sweep(), sweepIntervalMs);
      this.#sweepTimer.unref();
    }
  }

  /** Keys held, expired ones not yet swept included. */
  get size(): number {
    return this.#entries.size;
  }

  /** Removes every expired key and returns how many went. Runs on its own timer too. */
  sweep(): number {
    const now = this.#now();
    let removed = 0;
    for (const [key, entry] of this.#entries) {
      if (isExpired(entry, now)) {
        this.#entries.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  async get(key: string): Promise<string | undefined> {
    this.#check(key);
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<void> {
    this.#check(key);
    assertValue('value', value);
    assertTtlMs(options.ttlMs);
    this.#write(key, value, this.#expiryFor(options.ttlMs));
  }

  async setIfAbsent(key: string, value: string, options: SetIfAbsentOptions): Promise<boolean> {
    this.#check(key);
    assertValue('value', value);
    if (options?.ttlMs === undefined) throw new RangeError('setIfAbsent needs a ttlMs.');
    assertTtlMs(options.ttlMs);
    if (this.#live(key) !== undefined) return false;
    this.#write(key, value, this.#expiryFor(options.ttlMs));
    return true;
  }

  async compareAndSet(key: string, expected: string, next: string, options: SetOptions = {}): Promise<boolean> {
    this.#check(key);
    assertValue('expected', expected);
    assertValue('next', next);
    assertTtlMs(options.ttlMs);
    const entry = this.#live(key);
    if (entry?.value !== expected) return false;
    entry.value = next;
    if (options.ttlMs !== undefined) entry.expiresAt = this.#expiryFor(options.ttlMs);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    this.#check(key);
    const live = this.#live(key) !== undefined;
    this.#entries.delete(key);
    return live;
  }

  async increment(key: string, options: IncrementOptions = {}): Promise<number> {
    this.#check(key);
    const by = options.by ?? 1;
    assertIncrement(by);
    assertTtlMs(options.ttlMs);
    const entry = this.#live(key);
    if (entry === undefined) {
      this.#write(key, String(by), this.#expiryFor(options.ttlMs));
      return by;
    }
    if (!INTEGER.test(entry.value)) throw notAnIntegerError(key);
    const next = Number(entry.value) + by;
    // Redis keeps 64-bit counters; here a count past 2^53 would silently lose precision, so refuse it.
    if (!Number.isSafeInteger(next)) throw notAnIntegerError(key);
    entry.value = String(next);
    return next;
  }

  async ttlMs(key: string): Promise<number | undefined> {
    this.#check(key);
    const entry = this.#live(key);
    if (entry?.expiresAt === undefined) return undefined;
    return entry.expiresAt - this.#now();
  }

  async ping(): Promise<void> {
    if (this.#closed) throw closedError('memory');
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#sweepTimer !== undefined) clearInterval(this.#sweepTimer);
    this.#entries.clear();
  }

  #check(key: string): void {
    if (this.#closed) throw closedError('memory');
    assertKey(key);
  }

  #expiryFor(ttlMs: number | undefined): number | undefined {
    return ttlMs === undefined ? undefined : this.#now() + ttlMs;
  }

  /** The entry if it is live; an expired one is removed on the way. */
  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (isExpired(entry, this.#now())) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #write(key: string, value: string, expiresAt: number | undefined): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.#maxKeys) {
      this.sweep();
      if (this.#entries.size >= this.#maxKeys) {
        // Like Redis under maxmemory with noeviction: refuse the write rather than drop a live key.
        throw new InvektoError('INV-DATA-001', {
          message: `The memory key-value store is full (${this.#maxKeys} live keys); the write was refused.`,
          details: `key ${key}`,
        });
      }
    }
    this.#entries.set(key, { value, expiresAt });
  }
}

function isExpired(entry: Entry, now: number): boolean {
  return entry.expiresAt !== undefined && entry.expiresAt <= now;
}
