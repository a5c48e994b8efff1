import type { SqlExecutor } from '../../store/sql/sql-store.js';
import type { BrokerMessageTable } from './broker-message-table.js';
import type { DeclaredTopology } from './declared-topology.js';

/**
 * The room left in the bounded (`x-max-length`, `reject-publish`) queues a transaction writes to. Reserving
 * it locks those queues for the rest of the transaction, so concurrent writers never overshoot a limit.
 * RabbitMQ counts ready messages only; so does this.
 */
export class QueueRoom {
  readonly #topology: DeclaredTopology;
  readonly #ready: Map<string, number>;

  private constructor(topology: DeclaredTopology, ready: Map<string, number>) {
    this.#topology = topology;
    this.#ready = ready;
  }

  /** Locks and counts the bounded queues among `queues`; takes no lock when there are none. */
  static async reserve(
    tx: SqlExecutor,
    table: BrokerMessageTable,
    topology: DeclaredTopology,
    queues: Iterable<string>,
  ): Promise<QueueRoom> {
    const bounded = new Set([...queues].filter((queue) => topology.queue(queue)?.maxLength !== undefined));
    const ready = bounded.size === 0 ? new Map<string, number>() : await table.lockAndCountReady(tx, [...bounded]);
    return new QueueRoom(topology, ready);
  }

  /** Whether any queue among `queues` is bounded, i.e. writing to them needs a transaction and a reservation. */
  static needed(topology: DeclaredTopology, queues: Iterable<string>): boolean {
    for (const queue of queues) if (topology.queue(queue)?.maxLength !== undefined) return true;
    return false;
  }

  /** Counts one message against `queue`; true when it fits (always, for an unbounded queue). */
  take(queue: string): boolean {
    const max = this.#topology.queue(queue)?.maxLength;
    if (max === undefined) return true;
    const ready = this.#ready.get(queue) ?? 0;
    if (ready >= max) return false;
    this.#ready.set(queue, ready + 1);
    return true;
  }
}
