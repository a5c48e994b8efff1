import { LAST_ERROR_MAX_LENGTH } from '@invekto/contracts';
import { ConfigError } from '../config/config-error.js';
import type { SqlStore } from '../store/sql/sql-store.js';
import type { OutboxMessage } from './outbox-message.js';

export interface OutboxRepositoryOptions {
  /**
   * The clock, in epoch milliseconds, that decides which rows are due and stamps leases, retries and
   * dispatch times. Without it the database clock (`now()`) is used, which every dispatcher shares and
   * which also stamps `created_at` / `available_at` of new rows.
   * @default undefined (the database clock)
   */
  readonly now?: () => number;
}

/** A pending message handed to a dispatcher by {@link OutboxRepository.claimBatch}. */
export interface ClaimedOutboxMessage extends OutboxMessage {
  /** The row's `id` (a `bigserial`, so a decimal string); pass it back to `markDispatched` / `markFailed`. */
  readonly id: string;
  /** Claims so far, this one included. */
  readonly attempts: number;
  readonly createdAt: Date;
  /** When the claim lapses and the row is handed out again unless marked dispatched or failed first. */
  readonly leaseExpiresAt: Date;
  /** The error recorded by the last `markFailed`, or null. */
  readonly lastError: string | null;
}

export interface ClaimBatchOptions {
  /** Most rows to claim. */
  readonly limit: number;
  /** How long the claim holds; a dispatcher that crashes gives its rows back once it lapses. */
  readonly leaseMs: number;
}

export interface PurgeDispatchedOptions {
  /** Deletes rows dispatched longer ago than this. */
  readonly olderThanMs: number;
  /** Most rows deleted by one call; call again while it returns `limit`. */
  readonly limit: number;
}

/** Backlog figures for dashboards and alerts. */
export interface OutboxBacklog {
  /** Rows not yet dispatched, leased or not. */
  readonly count: number;
  /** Age of the oldest undispatched row, from its `created_at`; 0 when there is none. */
  readonly oldestAgeMs: number;
}

interface OutboxRecord {
  id: string;
  message_id: string;
  destination: string;
  routing_key: string;
  headers: Record<string, string>;
  payload: unknown;
  created_at: Date;
  available_at: Date;
  attempts: number;
  last_error: string | null;
}

const ROW_ID = /^[1-9][0-9]{0,18}$/;

function requireInteger(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${field} must be an integer >= ${min}, got ${String(value)}.`);
  }
  return value;
}

function requireRowId(id: unknown): string {
  if (typeof id !== 'string' || !ROW_ID.test(id)) {
    throw new RangeError(`An outbox id must be a positive decimal string, got ${JSON.stringify(id)}.`);
  }
  return id;
}

function errorText(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof error === 'string' ? error : typeof message === 'string' ? message : String(error);
  // PostgreSQL text cannot hold NUL; cut by code point so no surrogate pair is split.
  return Array.from(text.replaceAll('\u0000', '')).slice(0, LAST_ERROR_MAX_LENGTH).join('');
}

function toClaimed(record: OutboxRecord): ClaimedOutboxMessage {
  return {
    id: record.id,
    messageId: record.message_id,
    destination: record.destination,
    routingKey: record.routing_key,
    headers: record.headers,
    payload: record.payload,
    attempts: record.attempts,
    createdAt: record.created_at,
    leaseExpiresAt: record.available_at,
    lastError: record.last_error,
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  const [x, y] = [BigInt(a.id), BigInt(b.id)];
  return x < y ? -1 : x > y ? 1 : 0;
}

// `$1` is the repository's clock, or NULL for the database's.
const NOW = 'coalesce($1::timestamptz, now())';

/**
 * The SQL side of the transactional outbox (seed 000 §3.3, seed 001 §6): dispatchers claim due rows
 * under a lease, then mark them dispatched or failed. Rows are written by `writeOutbox` inside the
 * business transaction. Safe to use from several processes at once.
 */
export class OutboxRepository {
  readonly #store: SqlStore;
  readonly #now: (() => number) | undefined;

  constructor(store: SqlStore, options: OutboxRepositoryOptions = {}) {
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new ConfigError('now', 'must be a function returning epoch milliseconds');
    }
    this.#store = store;
    this.#now = options.now;
  }

  /**
   * Claims up to `limit` due rows (`dispatched_at IS NULL AND available_at <= now`), oldest id first:
   * each one's `available_at` moves to now + `leaseMs` and its `attempts` grows by one. Rows locked by
   * a concurrent claim are skipped, so two dispatchers never receive the same row.
   */
  async claimBatch(options: ClaimBatchOptions): Promise<ClaimedOutboxMessage[]> {
    const limit = requireInteger('limit', options.limit, 1);
    const leaseMs = requireInteger('leaseMs', options.leaseMs, 1);
    // One statement is one transaction: the rows are locked, leased and committed together, and no
    // lock is held across a round trip to the client.
    const { rows } = await this.#store.query<OutboxRecord>(
      `WITH due AS (
         SELECT id FROM outbox
         WHERE dispatched_at IS NULL AND available_at <= ${NOW}
         ORDER BY id
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE outbox AS o
       SET available_at = ${NOW} + $3::float8 * interval '1 millisecond', attempts = o.attempts + 1
       FROM due
       WHERE o.id = due.id
       RETURNING o.id, o.message_id, o.destination, o.routing_key, o.headers, o.payload, o.created_at,
                 o.available_at, o.attempts, o.last_error`,
      [this.#clock(), limit, leaseMs],
    );
    return rows.sort(byId).map(toClaimed);
  }

  /** Records that the rows were published; resolves to how many were pending and now are not. */
  async markDispatched(ids: readonly string[]): Promise<number> {
    const checked = ids.map(requireRowId);
    if (checked.length === 0) return 0;
    const { rowCount } = await this.#store.query(
      `UPDATE outbox SET dispatched_at = ${NOW}
       WHERE dispatched_at IS NULL
         AND id IN (SELECT value::bigint FROM jsonb_array_elements_text($2::jsonb))`,
      [this.#clock(), JSON.stringify(checked)],
    );
    return rowCount;
  }

  /**
   * Records a failed publish: stores the error (its message, at most 500 characters, seed 000 §3.2) and
   * makes the row due again after `retryAfterMs`. Resolves to false when the row is not pending.
   */
  async markFailed(id: string, error: unknown, retryAfterMs: number): Promise<boolean> {
    const rowId = requireRowId(id);
    const delay = requireInteger('retryAfterMs', retryAfterMs, 0);
    const { rowCount } = await this.#store.query(
      `UPDATE outbox SET available_at = ${NOW} + $2::float8 * interval '1 millisecond', last_error = $3
       WHERE id = $4::bigint AND dispatched_at IS NULL`,
      [this.#clock(), delay, errorText(error), rowId],
    );
    return rowCount === 1;
  }

  /** How many rows wait to be dispatched and how old the oldest is. */
  async pending(): Promise<OutboxBacklog> {
    const { rows } = await this.#store.query<{ count: number; oldest_age_ms: number | null }>(
      `SELECT count(*)::int AS count,
              (extract(epoch FROM ${NOW} - min(created_at)) * 1000)::float8 AS oldest_age_ms
       FROM outbox WHERE dispatched_at IS NULL`,
      [this.#clock()],
    );
    const row = rows[0];
    return {
      count: row?.count ?? 0,
      oldestAgeMs: Math.max(0, Math.round(row?.oldest_age_ms ?? 0)),
    };
  }

  /**
   * Deletes up to `limit` rows dispatched more than `olderThanMs` ago, oldest id first; resolves to the
   * number deleted. Batched so a large backlog never holds locks for long.
   */
  async purgeDispatched(options: PurgeDispatchedOptions): Promise<number> {
    const olderThanMs = requireInteger('olderThanMs', options.olderThanMs, 0);
    const limit = requireInteger('limit', options.limit, 1);
    const { rowCount } = await this.#store.query(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox
         WHERE dispatched_at IS NOT NULL AND dispatched_at < ${NOW} - $2::float8 * interval '1 millisecond'
         ORDER BY id
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       )`,
      [this.#clock(), olderThanMs, limit],
    );
    return rowCount;
  }

  #clock(): string | null {
    return this.#now === undefined ? null : new Date(this.#now()).toISOString();
  }
}
