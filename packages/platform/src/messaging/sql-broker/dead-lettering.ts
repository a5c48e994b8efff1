import type { SqlExecutor } from '../../store/sql/sql-store.js';
import type { BrokerMessageTable, NewMessage, TakenRecord } from './broker-message-table.js';
import type { DeclaredTopology } from './declared-topology.js';
import { QueueRoom } from './queue-room.js';
import type { DeadLetterReason, SqlBrokerEvents } from './sql-broker-events.js';
import { withDeath } from './x-death.js';

/** What dead-lettering a batch of rows wrote and decided; the events are emitted once the transaction commits. */
export interface DeadLetterOutcome {
  readonly rows: NewMessage[];
  readonly moved: SqlBrokerEvents['dead-lettered'][];
  readonly dropped: SqlBrokerEvents['dropped'][];
}

/**
 * Writes, inside `tx`, the dead-letter copies of rows just taken from their queues, as RabbitMQ does:
 * through the queue's `x-dead-letter-exchange`, with its `x-dead-letter-routing-key` or else the message's
 * own key, an `x-death` entry added, and body, message id, content type, publish time and the other headers
 * kept. A copy that reaches no queue — no dead-letter exchange, nothing bound to the key, every target full —
 * is dropped: RabbitMQ dead-lettering is at most once.
 */
export async function deadLetter(
  tx: SqlExecutor,
  table: BrokerMessageTable,
  topology: DeclaredTopology,
  taken: readonly TakenRecord[],
  reason: DeadLetterReason,
): Promise<DeadLetterOutcome> {
  const outcome: DeadLetterOutcome = { rows: [], moved: [], dropped: [] };
  const plans: { record: TakenRecord; exchange: string; routingKey: string; targets: string[]; headers: string }[] = [];
  for (const record of taken) {
    const messageId = record.message_id ?? undefined;
    const policy = topology.queue(record.queue);
    const exchange = policy?.deadLetterExchange;
    if (exchange === undefined) {
      outcome.dropped.push({ queue: record.queue, messageId, reason, cause: 'no-dead-letter-exchange' });
      continue;
    }
    const routingKey = policy?.deadLetterRoutingKey ?? record.routing_key;
    const targets = topology.route(exchange, routingKey);
    if (targets.length === 0) {
      outcome.dropped.push({ queue: record.queue, messageId, reason, cause: 'unroutable' });
      continue;
    }
    const headers = withDeath(record.headers, {
      queue: record.queue,
      reason,
      exchange: record.exchange,
      routingKey: record.routing_key,
      time: Number(record.now_ms),
    });
    plans.push({ record, exchange, routingKey, targets, headers: JSON.stringify(headers) });
  }

  const room = await QueueRoom.reserve(
    tx,
    table,
    topology,
    plans.flatMap((plan) => plan.targets),
  );
  for (const { record, exchange, routingKey, targets, headers } of plans) {
    const messageId = record.message_id ?? undefined;
    const accepted = targets.filter((target) => room.take(target));
    if (accepted.length === 0) {
      outcome.dropped.push({ queue: record.queue, messageId, reason, cause: 'target-full' });
      continue;
    }
    for (const target of accepted) {
      outcome.rows.push({
        queue: target,
        messageId: record.message_id,
        exchange,
        routingKey,
        headers,
        body: record.body,
        contentType: record.content_type,
        publishedAt: Number(record.published_at),
        ttlMs: topology.queue(target)?.messageTtlMs ?? null,
      });
    }
    outcome.moved.push({ queue: record.queue, messageId, reason, exchange, routingKey, to: accepted });
  }
  await table.insert(tx, outcome.rows);
  return outcome;
}
