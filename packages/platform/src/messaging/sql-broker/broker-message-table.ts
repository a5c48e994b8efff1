import type { SqlExecutor, SqlStore } from '../../store/sql/sql-store.js';
import type { MessageHeaders } from '../broker/broker.js';

/** A message row as the statements below return it (through {@link toRecord}). */
export interface MessageRecord {
  /** `bigserial`, so a decimal string. */
  readonly id: string;
  readonly queue: string;
  readonly message_id: string | null;
  readonly exchange: string;
  readonly routing_key: string;
  readonly headers: MessageHeaders;
  readonly body: Buffer;
  readonly content_type: string | null;
  /** `bigint` epoch milliseconds, so a decimal string. */
  readonly published_at: string;
  readonly delivery_count: number;
}

type Raw<T extends MessageRecord> = Omit<T, 'body'> & { readonly body: string };

function toRecord<T extends MessageRecord>(raw: Raw<T>): T {
  return { ...raw, id: String(raw.id), body: Buffer.from(raw.body, 'base64') } as T;
}

/** A taken row with the clock reading of the statement that took it. */
export interface TakenRecord extends MessageRecord {
  readonly now_ms: string;
}

/** A row to write into one queue. */
export interface NewMessage {
  readonly queue: string;
  readonly messageId: string | null;
  readonly exchange: string;
  readonly routingKey: string;
  /** JSON text of the headers. */
  readonly headers: string;
  readonly body: Uint8Array;
  readonly contentType: string | null;
  /** Epoch milliseconds; null stamps the clock reading. */
  readonly publishedAt: number | null;
  /** The destination queue's `x-message-ttl`; null never expires. */
  readonly ttlMs: number | null;
}

/** One claim of a row: the id and the claim count it was delivered with, so a stale claim changes nothing. */
export interface ClaimRef {
  readonly id: string;
  readonly deliveryCount: number;
}

export interface QueueFigures {
  readonly ready: number;
  readonly unacked: number;
  readonly consumers: number;
  readonly oldestAgeMs: number | null;
}

// `$1` is the broker's clock, or NULL for the database's.
const NOW = '(coalesce($1::bigint, floor(extract(epoch FROM now()) * 1000)::bigint))';
const HELD = `(lease_until IS NOT NULL AND lease_until > ${NOW})`;
const READY = `((lease_until IS NULL OR lease_until <= ${NOW}) AND (expires_at IS NULL OR expires_at > ${NOW}))`;
// The body travels as base64 text: PGlite parses a bytea result from hex in JavaScript, four times slower.
const COLUMNS =
  "m.id, m.queue, m.message_id, m.exchange, m.routing_key, m.headers, encode(m.body, 'base64') AS body, " +
  'm.content_type, m.published_at, m.delivery_count';
// 9 parameters a row: well under PostgreSQL's 65 535 bind parameters per statement.
const INSERT_CHUNK = 1_000;
/** The claims passed as JSON in parameter `$n`, as a relation `s(id, n)`. */
function refsFrom(n: number): string {
  return `jsonb_to_recordset($${n}::jsonb) AS s(id bigint, n int)`;
}

function refsJson(refs: readonly ClaimRef[]): string {
  return JSON.stringify(refs.map((ref) => ({ id: ref.id, n: ref.deliveryCount })));
}

function idSet(rows: readonly { id: string }[]): Set<string> {
  return new Set(rows.map((row) => String(row.id)));
}

/** Sorts rows by their `bigserial` id, which is FIFO order within a queue. */
export function byId(a: { id: string }, b: { id: string }): number {
  const [x, y] = [BigInt(a.id), BigInt(b.id)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The SQL of the embedded broker, over the `broker_messages` and `broker_consumers` tables of migration
 * 0003. Every statement that picks rows for one consumer or sweeper uses `FOR UPDATE SKIP LOCKED`, so any
 * number of broker instances (and processes, on PostgreSQL) share the tables safely.
 */
export class BrokerMessageTable {
  readonly #store: SqlStore;
  readonly #now: (() => number) | undefined;

  constructor(store: SqlStore, now: (() => number) | undefined) {
    this.#store = store;
    this.#now = now;
  }

  /** Fails (42P01) when migration 0003 has not run, and with the store's error when it is unreachable. */
  async probe(): Promise<void> {
    await this.#store.query('SELECT 1 FROM broker_messages LIMIT 0');
  }

  /** Writes rows in order (their ids, and so their FIFO positions, follow the array). */
  async insert(executor: SqlExecutor, rows: readonly NewMessage[]): Promise<void> {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const params: unknown[] = [this.#clock()];
      const values = chunk.map((row) => {
        const b = params.length;
        params.push(
          row.queue,
          row.messageId,
          row.exchange,
          row.routingKey,
          row.headers,
          row.body,
          row.contentType,
          row.publishedAt,
          row.ttlMs,
        );
        return (
          `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::json, $${b + 6}::bytea, $${b + 7}, ` +
          `coalesce($${b + 8}::bigint, ${NOW}), ${NOW} + $${b + 9}::bigint)`
        );
      });
      await executor.query(
        `INSERT INTO broker_messages
           (queue, message_id, exchange, routing_key, headers, body, content_type, published_at, expires_at)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
  }

  /**
   * Leases up to `limit` ready rows of `queue` for `leaseMs`, lowest id first, and counts the claim.
   * Expired rows are never handed out (the sweeper dead-letters them). One statement, so no lock is held
   * across a round trip.
   */
  async claim(queue: string, limit: number, leaseMs: number): Promise<MessageRecord[]> {
    const { rows } = await this.#store.query<Raw<MessageRecord>>(
      `WITH due AS (
         SELECT id FROM broker_messages
         WHERE queue = $2 AND ${READY}
         ORDER BY id
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       )
       UPDATE broker_messages AS m
       SET lease_until = ${NOW} + $4::bigint, delivery_count = m.delivery_count + 1
       FROM due
       WHERE m.id = due.id
       RETURNING ${COLUMNS}`,
      [this.#clock(), queue, limit, leaseMs],
    );
    return rows.map(toRecord).sort(byId);
  }

  /** Deletes acknowledged rows still under the given claims; resolves the ids deleted. */
  async ack(refs: readonly ClaimRef[]): Promise<Set<string>> {
    const { rows } = await this.#store.query<{ id: string }>(
      `DELETE FROM broker_messages AS m USING ${refsFrom(1)}
       WHERE m.id = s.id AND m.delivery_count = s.n
       RETURNING m.id`,
      [refsJson(refs)],
    );
    return idSet(rows);
  }

  /** Ends the claims: the rows are ready again (delivered with `redelivered: true`); resolves the ids freed. */
  async requeue(refs: readonly ClaimRef[]): Promise<Set<string>> {
    const { rows } = await this.#store.query<{ id: string }>(
      `UPDATE broker_messages AS m SET lease_until = NULL
       FROM ${refsFrom(1)}
       WHERE m.id = s.id AND m.delivery_count = s.n
       RETURNING m.id`,
      [refsJson(refs)],
    );
    return idSet(rows);
  }

  /** Undoes claims that were never delivered (a subscription cancelled mid-claim): not counted as deliveries. */
  async unclaim(refs: readonly ClaimRef[]): Promise<void> {
    await this.#store.query(
      `UPDATE broker_messages AS m SET lease_until = NULL, delivery_count = m.delivery_count - 1
       FROM ${refsFrom(1)}
       WHERE m.id = s.id AND m.delivery_count = s.n`,
      [refsJson(refs)],
    );
  }

  /** Extends the leases of claims still held; resolves the ids renewed (a missing one was lost). */
  async renew(refs: readonly ClaimRef[], leaseMs: number): Promise<Set<string>> {
    const { rows } = await this.#store.query<{ id: string }>(
      `UPDATE broker_messages AS m SET lease_until = ${NOW} + $3::bigint
       FROM ${refsFrom(2)}
       WHERE m.id = s.id AND m.delivery_count = s.n
       RETURNING m.id`,
      [this.#clock(), refsJson(refs), leaseMs],
    );
    return idSet(rows);
  }

  /** Deletes and returns rejected rows still under the given claims, for dead-lettering in the same transaction. */
  async takeClaimed(tx: SqlExecutor, refs: readonly ClaimRef[]): Promise<TakenRecord[]> {
    const { rows } = await tx.query<Raw<TakenRecord>>(
      `DELETE FROM broker_messages AS m USING ${refsFrom(2)}
       WHERE m.id = s.id AND m.delivery_count = s.n
       RETURNING ${COLUMNS}, ${NOW} AS now_ms`,
      [this.#clock(), refsJson(refs)],
    );
    return rows.map(toRecord).sort(byId);
  }

  /**
   * Deletes and returns up to `limit` expired rows of `queues` that no consumer holds, earliest expiry
   * first, for dead-lettering in the same transaction.
   */
  async takeExpired(tx: SqlExecutor, queues: readonly string[], limit: number): Promise<TakenRecord[]> {
    const { rows } = await tx.query<Raw<TakenRecord & { expires_at: string }>>(
      `WITH expired AS (
         SELECT id FROM broker_messages
         WHERE expires_at <= ${NOW} AND queue = ANY($2::text[]) AND (lease_until IS NULL OR lease_until <= ${NOW})
         ORDER BY expires_at, id
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       )
       DELETE FROM broker_messages AS m USING expired
       WHERE m.id = expired.id
       RETURNING ${COLUMNS}, m.expires_at, ${NOW} AS now_ms`,
      [this.#clock(), [...queues], limit],
    );
    return rows.map(toRecord).sort((a, b) => Number(BigInt(a.expires_at) - BigInt(b.expires_at)) || byId(a, b));
  }

  /** Milliseconds until the earliest expiry among unheld rows of `queues` (≤ 0 when overdue); null when none. */
  async msUntilNextExpiry(queues: readonly string[]): Promise<number | null> {
    const { rows } = await this.#store.query<{ wait: string | null }>(
      `SELECT min(expires_at) - ${NOW} AS wait FROM broker_messages
       WHERE expires_at IS NOT NULL AND queue = ANY($2::text[]) AND lease_until IS NULL`,
      [this.#clock(), [...queues]],
    );
    const wait = rows[0]?.wait;
    return wait === null || wait === undefined ? null : Number(wait);
  }

  /**
   * Serialises writers of the given bounded queues for the rest of `tx` and counts their ready rows, so an
   * `x-max-length` is never overshot by concurrent publishers.
   */
  async lockAndCountReady(tx: SqlExecutor, queues: readonly string[]): Promise<Map<string, number>> {
    const sorted = [...new Set(queues)].sort();
    // One statement per queue, in name order: two transactions never wait for each other's locks in a cycle.
    for (const queue of sorted) {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('invekto.broker:' || $1, 0))`, [queue]);
    }
    const { rows } = await tx.query<{ queue: string; ready: number }>(
      `SELECT queue, count(*)::int AS ready FROM broker_messages
       WHERE queue = ANY($2::text[]) AND ${READY}
       GROUP BY queue`,
      [this.#clock(), sorted],
    );
    const counts = new Map(sorted.map((queue) => [queue, 0]));
    for (const row of rows) counts.set(row.queue, row.ready);
    return counts;
  }

  /** Ready / unacked counts, live consumers and the oldest message's age of each queue. */
  async figures(queues: readonly string[]): Promise<Map<string, QueueFigures>> {
    const { rows } = await this.#store.query<{
      queue: string;
      ready: number;
      unacked: number;
      consumers: number;
      oldest_age_ms: string | null;
    }>(
      `SELECT q.queue,
              coalesce(msg.ready, 0) AS ready,
              coalesce(msg.unacked, 0) AS unacked,
              (SELECT count(*)::int FROM broker_consumers AS c WHERE c.queue = q.queue AND c.expires_at > ${NOW})
                AS consumers,
              ${NOW} - msg.oldest AS oldest_age_ms
       FROM unnest($2::text[]) AS q(queue)
       LEFT JOIN (
         SELECT queue,
                (count(*) FILTER (WHERE ${READY}))::int AS ready,
                (count(*) FILTER (WHERE ${HELD}))::int AS unacked,
                min(published_at) FILTER (WHERE ${HELD} OR ${READY}) AS oldest
         FROM broker_messages
         WHERE queue = ANY($2::text[])
         GROUP BY queue
       ) AS msg ON msg.queue = q.queue`,
      [this.#clock(), [...queues]],
    );
    return new Map(
      rows.map((row) => [
        row.queue,
        {
          ready: row.ready,
          unacked: row.unacked,
          consumers: row.consumers,
          oldestAgeMs: row.oldest_age_ms === null ? null : Math.max(0, Number(row.oldest_age_ms)),
        },
      ]),
    );
  }

  /** Deletes the ready rows of `queue` (held and expired ones stay); resolves how many. */
  async purge(queue: string): Promise<number> {
    const { rowCount } = await this.#store.query(`DELETE FROM broker_messages WHERE queue = $2 AND ${READY}`, [
      this.#clock(),
      queue,
    ]);
    return rowCount;
  }

  /**
   * Reclaims the space of dead row versions and refreshes the planner's statistics (PGlite has no
   * autovacuum): without statistics the planner sorts the whole queue on every claim instead of reading
   * the first rows of the (queue, id) index. Not in a transaction.
   */
  async vacuum(): Promise<void> {
    await this.#store.query('VACUUM (ANALYZE) broker_messages');
  }

  /** Records a live subscription, and forgets ones whose process stopped heart-beating long ago. */
  async addConsumer(consumerId: string, queue: string, ttlMs: number): Promise<void> {
    await this.#store.transaction(async (tx) => {
      await tx.query(`DELETE FROM broker_consumers WHERE expires_at < ${NOW} - 100 * $2::bigint`, [
        this.#clock(),
        ttlMs,
      ]);
      await tx.query(
        `INSERT INTO broker_consumers (consumer_id, queue, expires_at) VALUES ($2, $3, ${NOW} + $4::bigint)`,
        [this.#clock(), consumerId, queue, ttlMs],
      );
    });
  }

  async heartbeat(consumerIds: readonly string[], ttlMs: number): Promise<void> {
    await this.#store.query(
      `UPDATE broker_consumers SET expires_at = ${NOW} + $3::bigint WHERE consumer_id = ANY($2::text[])`,
      [this.#clock(), [...consumerIds], ttlMs],
    );
  }

  async removeConsumers(consumerIds: readonly string[]): Promise<void> {
    await this.#store.query('DELETE FROM broker_consumers WHERE consumer_id = ANY($1::text[])', [[...consumerIds]]);
  }

  #clock(): number | null {
    return this.#now === undefined ? null : Math.floor(this.#now());
  }
}
