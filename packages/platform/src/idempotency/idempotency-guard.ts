import { randomUUID } from 'node:crypto';
import { KeyNamespace, keyPartOf, type KeyValueStore } from '../store/key-value/index.js';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

export const IDEMPOTENCY_DEFAULTS = Object.freeze({
  /**
   * How long a claim holds before a crashed owner's work may be taken over. The seed gives no number for
   * §3.5 `ProcessingTtl`; a claim is a lock on one message, so it takes the lock TTL of seed 000 §1.2 (5 m).
   */
  processingTtlMs: 5 * 60_000,
  /** How long a finished result is remembered, by scope. */
  completedTtlMs: Object.freeze({
    /** `idem:job:{messageId}`: seed 000 App. F.2 (TTL 7 days) and F.3 (Message Processing, 7d). */
    message: 7 * DAY_MS,
    /** HTTP idempotency keys of the async API: seed 000 App. F.3 (Async Job Submit, 1h). */
    request: HOUR_MS,
  }),
  /** Largest serialized result kept, in UTF-8 bytes: the store holds small answers, never payloads. */
  maxResultBytes: 64 * 1024,
});

/**
 * A released claim is overwritten by a short-lived marker instead of deleted, because the port has no
 * atomic compare-and-delete: a check-then-delete could remove a claim someone else took in between.
 */
const RELEASED_TTL_MS = 1_000;
/** Rounds of claim-then-read before `begin` gives up on a key that keeps changing under it. */
const MAX_BEGIN_ROUNDS = 10;

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** What a guarded id belongs to; decides its key and its default completed TTL. */
export type IdempotencyScope =
  /** A consumed message, keyed by its `x-message-id` ULID: `invekto:idem:job:{messageId}`. */
  | { readonly kind: 'message' }
  /** An HTTP request's `X-Idempotency-Key`, per tenant: `invekto:idem:req:{tenantId}:{key}`. */
  | { readonly kind: 'request'; readonly tenantId: string };

export type BeginResult =
  /** This caller owns the id now; pass `owner` to `complete` or `release`. */
  | { readonly state: 'acquired'; readonly owner: string }
  /** Someone else is working on it; `since` is their claim time in epoch milliseconds. */
  | { readonly state: 'in-progress'; readonly since: number }
  /** Already done; `result` is what the first run stored. */
  | { readonly state: 'completed'; readonly result: JsonValue; readonly completedAt: number };

export interface BeginOptions {
  /** @default IDEMPOTENCY_DEFAULTS.processingTtlMs (5 minutes) */
  readonly processingTtlMs?: number | undefined;
}

export interface CompleteOptions {
  /** @default IDEMPOTENCY_DEFAULTS.completedTtlMs[scope.kind] (7 days for messages, 1 hour for requests) */
  readonly completedTtlMs?: number | undefined;
}

export interface IdempotencyGuardOptions {
  readonly store: KeyValueStore;
  /** Builds the keys; a test run passes its own prefix. @default new KeyNamespace() ('invekto:') */
  readonly keys?: KeyNamespace | undefined;
  /** Clock in epoch milliseconds for the times written into records. @default Date.now */
  readonly now?: (() => number) | undefined;
}

interface ProcessingRecord {
  readonly state: 'processing';
  readonly owner: string;
  readonly startedAt: number;
}

interface CompletedRecord {
  readonly state: 'completed';
  readonly result: JsonValue;
  readonly completedAt: number;
}

interface ReleasedRecord {
  readonly state: 'released';
  readonly releasedAt: number;
}

type IdempotencyRecord = ProcessingRecord | CompletedRecord | ReleasedRecord;

/**
 * Runs a message or request at most once at a time and remembers its result (seed 000 §3.5, App. F).
 * `begin` claims the id atomically with `setIfAbsent`, so of any number of concurrent callers exactly one
 * gets `acquired`; the claim carries a random owner token and a TTL, so a crashed owner's claim lapses and
 * the id can be claimed again. `complete` swaps the owner's exact claim for the result with
 * `compareAndSet` and the longer TTL; `release` gives the claim up after a failure so a retry can run.
 */
export class IdempotencyGuard {
  readonly #store: KeyValueStore;
  readonly #keys: KeyNamespace;
  readonly #now: () => number;

  constructor(options: IdempotencyGuardOptions) {
    if (options?.store === undefined) throw new TypeError('IdempotencyGuard needs a store.');
    this.#store = options.store;
    this.#keys = options.keys ?? new KeyNamespace();
    this.#now = options.now ?? Date.now;
  }

  /** The store key of `id` in `scope`; throws `KeyNamespaceError` for an id or tenant the key cannot hold. */
  keyFor(scope: IdempotencyScope, id: string): string {
    switch (scope?.kind) {
      case 'message':
        return this.#keys.idem('job', id);
      case 'request':
        // Tenant ids may hold ':', which a key part may not; such a tenant is keyed by its hash.
        return this.#keys.idem('req', keyPartOf(scope.tenantId), id);
      default:
        throw new TypeError(`Unknown idempotency scope ${JSON.stringify(scope)}; use kind 'message' or 'request'.`);
    }
  }

  async begin(scope: IdempotencyScope, id: string, options: BeginOptions = {}): Promise<BeginResult> {
    const key = this.keyFor(scope, id);
    const ttlMs = checkTtl('processingTtlMs', options.processingTtlMs ?? IDEMPOTENCY_DEFAULTS.processingTtlMs);
    const owner = randomUUID();
    const claim = JSON.stringify({ state: 'processing', owner, startedAt: this.#now() } satisfies ProcessingRecord);

    for (let round = 0; round < MAX_BEGIN_ROUNDS; round += 1) {
      if (await this.#store.setIfAbsent(key, claim, { ttlMs })) return { state: 'acquired', owner };
      const raw = await this.#store.get(key);
      // Gone between the two calls: expired or released. Try to claim it again.
      if (raw === undefined) continue;
      const record = parseRecord(key, raw);
      switch (record.state) {
        case 'processing':
          return { state: 'in-progress', since: record.startedAt };
        case 'completed':
          return { state: 'completed', result: record.result, completedAt: record.completedAt };
        case 'released':
          if (await this.#store.compareAndSet(key, raw, claim, { ttlMs })) return { state: 'acquired', owner };
      }
    }
    throw new Error(`Idempotency key ${key} kept changing over ${MAX_BEGIN_ROUNDS} attempts to claim it.`);
  }

  /**
   * Stores `result` in place of the claim `owner` holds. Resolves `false`, storing nothing, when the claim
   * is gone, was taken over after it expired, or belongs to someone else. Rejects with a `RangeError` for
   * a result over `IDEMPOTENCY_DEFAULTS.maxResultBytes` serialized, before touching the store.
   */
  async complete(
    scope: IdempotencyScope,
    id: string,
    owner: string,
    result: JsonValue,
    options: CompleteOptions = {},
  ): Promise<boolean> {
    const key = this.keyFor(scope, id);
    const ttlMs = checkTtl('completedTtlMs', options.completedTtlMs ?? IDEMPOTENCY_DEFAULTS.completedTtlMs[scope.kind]);
    const serialized = serializeResult(result);
    const current = await this.#ownedClaim(key, owner);
    if (current === undefined) return false;
    const completed = `{"state":"completed","result":${serialized},"completedAt":${this.#now()}}`;
    return this.#store.compareAndSet(key, current, completed, { ttlMs });
  }

  /**
   * Renews the claim `owner` holds for another `processingTtlMs`, so long work keeps its claim while a
   * crashed owner's claim still lapses quickly. `false` when the claim is no longer `owner`'s.
   */
  async extend(scope: IdempotencyScope, id: string, owner: string, options: BeginOptions = {}): Promise<boolean> {
    const key = this.keyFor(scope, id);
    const ttlMs = checkTtl('processingTtlMs', options.processingTtlMs ?? IDEMPOTENCY_DEFAULTS.processingTtlMs);
    const current = await this.#ownedClaim(key, owner);
    if (current === undefined) return false;
    return this.#store.compareAndSet(key, current, current, { ttlMs });
  }

  /** Gives up the claim `owner` holds so the next `begin` acquires it; `false` when it no longer holds one. */
  async release(scope: IdempotencyScope, id: string, owner: string): Promise<boolean> {
    const key = this.keyFor(scope, id);
    const current = await this.#ownedClaim(key, owner);
    if (current === undefined) return false;
    const released = JSON.stringify({ state: 'released', releasedAt: this.#now() } satisfies ReleasedRecord);
    return this.#store.compareAndSet(key, current, released, { ttlMs: RELEASED_TTL_MS });
  }

  /** The raw processing record at `key` when `owner` holds it, for an exact compare-and-set. */
  async #ownedClaim(key: string, owner: string): Promise<string | undefined> {
    if (typeof owner !== 'string' || owner.length === 0) {
      throw new TypeError('owner must be the non-empty token begin returned.');
    }
    const raw = await this.#store.get(key);
    if (raw === undefined) return undefined;
    const record = parseRecord(key, raw);
    return record.state === 'processing' && record.owner === owner ? raw : undefined;
  }
}

function checkTtl(name: string, ttlMs: number): number {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`${name} must be a whole number of milliseconds greater than 0, got ${String(ttlMs)}.`);
  }
  return ttlMs;
}

function serializeResult(result: JsonValue): string {
  let serialized: string | undefined;
  try {
    serialized = JSON.stringify(result);
  } catch (error) {
    throw new TypeError('An idempotency result must be a JSON value.', { cause: error });
  }
  if (serialized === undefined) throw new TypeError('An idempotency result must be a JSON value; use null for none.');
  const bytes = Buffer.byteLength(serialized, 'utf8');
  if (bytes > IDEMPOTENCY_DEFAULTS.maxResultBytes) {
    throw new RangeError(
      `An idempotency result is ${bytes} bytes serialized; the limit is ${IDEMPOTENCY_DEFAULTS.maxResultBytes}. ` +
        'Store the payload elsewhere and keep a reference to it.',
    );
  }
  return serialized;
}

function parseRecord(key: string, raw: string): IdempotencyRecord {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (isRecord(value)) return value;
  throw new Error(`Idempotency key ${key} holds a value that is not an idempotency record.`);
}

function isRecord(value: unknown): value is IdempotencyRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  switch (record['state']) {
    case 'processing':
      return typeof record['owner'] === 'string' && typeof record['startedAt'] === 'number';
    case 'completed':
      return 'result' in record && typeof record['completedAt'] === 'number';
    case 'released':
      return typeof record['releasedAt'] === 'number';
    default:
      return false;
  }
}
