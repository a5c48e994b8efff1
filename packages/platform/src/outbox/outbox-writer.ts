import type { SqlExecutor } from '../store/sql/sql-store.js';
import { encodeOutboxMessage, type OutboxMessage } from './outbox-message.js';

/**
 * Inserts `message` into the outbox through `tx`, the executor of the caller's transaction, so the
 * outbox row commits or rolls back with the business rows written beside it (seed 000 §3.3, seed 001 §6).
 * Resolves to the row's `id`.
 *
 * A message that fails validation rejects with a RangeError before any SQL runs. Writing a `messageId`
 * already in the outbox rejects with PostgreSQL's unique violation as it is (SQLSTATE `23505`, read it
 * with `sqlStateOf`); the transaction is then aborted and must be rolled back.
 */
export async function writeOutbox(tx: SqlExecutor, message: OutboxMessage): Promise<string> {
  const encoded = encodeOutboxMessage(message);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO outbox (message_id, destination, routing_key, headers, payload)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
     RETURNING id`,
    [encoded.messageId, encoded.destination, encoded.routingKey, encoded.headersJson, encoded.payloadJson],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('INSERT INTO outbox returned no id.');
  return id;
}
