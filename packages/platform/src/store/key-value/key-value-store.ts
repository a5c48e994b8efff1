/**
 * A small string key-value store with per-key expiry: the port behind idempotency keys, job status,
 * request dedup, rate-limit counters and short locks. `MemoryKeyValueStore` is the embedded adapter,
 * `RedisKeyValueStore` the distributed one; `describeKeyValueStoreContract` pins both to the same semantics.
 *
 * Values are strings; callers JSON-encode anything richer. Keys are opaque non-empty strings, normally
 * built with `KeyNamespace`. TTLs are whole milliseconds greater than zero. Every method rejects with an
 * `InvektoError` once the store is closed (`INV-SYS-004`), and the Redis adapter rejects with
 * `INV-NET-002` (unreachable) or `INV-NET-001` (timeout) instead of waiting for a server that is down.
 */
export interface KeyValueStore {
  /** The value of `key`, or `undefined` when it is absent or has expired. */
  get(key: string): Promise<string | undefined>;

  /**
   * Writes `value` unconditionally. With `ttlMs` the key expires after that long; without it the key
   * never expires, and any expiry it had is removed (like Redis `SET` without `KEEPTTL`).
   */
  set(key: string, value: string, options?: SetOptions): Promise<void>;

  /**
   * Writes `value` only when `key` is absent (or expired), atomically, like `SET key value NX PX ttlMs`.
   * Resolves `true` when this call created the key. Of any number of concurrent calls on one absent key,
   * exactly one gets `true`. The TTL is required so a crashed holder never keeps a claim forever.
   */
  setIfAbsent(key: string, value: string, options: SetIfAbsentOptions): Promise<boolean>;

  /**
   * Replaces the value with `next` only when the current value is exactly `expected`, atomically.
   * Resolves `false` (and changes nothing) when the key is absent, expired or holds another value.
   * With `ttlMs` the key gets that new expiry; without it the key keeps the expiry it had, so moving an
   * idempotency record from processing to completed never makes it permanent by accident.
   */
  compareAndSet(key: string, expected: string, next: string, options?: SetOptions): Promise<boolean>;

  /** Removes `key`. Resolves `true` when a live key was removed, `false` when there was none. */
  delete(key: string): Promise<boolean>;

  /**
   * Adds `by` (default 1, may be negative) to the integer stored at `key` and resolves the new value.
   * An absent key counts as 0 and is created with `ttlMs` as its expiry; an existing key keeps its
   * expiry untouched, which makes a fixed-window counter: the window starts at the first hit.
   * Rejects with `INV-NET-005` when the stored value is not an integer.
   */
  increment(key: string, options?: IncrementOptions): Promise<number>;

  /**
   * Milliseconds until `key` expires, or `undefined` when it is absent or never expires
   * (tell those apart with `get`).
   */
  ttlMs(key: string): Promise<number | undefined>;

  /** Resolves when the store can serve requests; rejects like any other call when it cannot. */
  ping(): Promise<void>;

  /** Releases connections and timers. Idempotent; later calls reject with `INV-SYS-004`. */
  close(): Promise<void>;
}

export interface SetOptions {
  /** Expiry in milliseconds from now; omitted means the behaviour documented on the method. */
  readonly ttlMs?: number | undefined;
}

export interface SetIfAbsentOptions {
  /** Expiry in milliseconds from now; required. */
  readonly ttlMs: number;
}

export interface IncrementOptions {
  /** Amount to add, a safe integer. @default 1 */
  readonly by?: number | undefined;
  /** Expiry applied only when this call creates the key. Omitted: a created counter never expires. */
  readonly ttlMs?: number | undefined;
}
