import type { Channel } from 'amqplib';
import type { Topology } from './topology.js';

/** The part of an amqplib channel that declaring needs; a `Channel` or `ConfirmChannel` fits. */
export type TopologyChannel = Pick<Channel, 'assertExchange' | 'assertQueue' | 'bindQueue'>;

const MARKER = Symbol.for('invekto.topology-conflict');
/** AMQP reply code 406, PRECONDITION_FAILED. */
const PRECONDITION_FAILED = 406;

/**
 * RabbitMQ already holds an exchange or queue of this name with other settings. A queue's arguments
 * (TTL, dead-letter exchange, max length...) cannot change in place: drain and delete the queue, or move
 * the setting to a policy, then declare again. RabbitMQ has closed the channel the declaration ran on.
 */
export class TopologyConflictError extends Error {
  readonly [MARKER] = true;
  readonly kind: 'exchange' | 'queue';
  /** Name of the exchange or queue RabbitMQ refused. */
  readonly entity: string;

  constructor(kind: 'exchange' | 'queue', entity: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `RabbitMQ refused to declare ${kind} "${entity}": it already exists with different settings ` +
        `(${reason}). Its arguments cannot change in place; drain and delete it, then declare again.`,
      { cause },
    );
    this.name = 'TopologyConflictError';
    this.kind = kind;
    this.entity = entity;
  }
}

/** Type guard that works across package copies: it checks a global symbol, not the prototype. */
export function isTopologyConflictError(value: unknown): value is TopologyConflictError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
}

/**
 * Asserts every exchange, queue and binding of `topology`. Idempotent: declaring what already exists
 * with the same settings changes nothing, so every service may run it at start-up.
 *
 * Throws `TopologyConflictError` naming the queue or exchange when RabbitMQ answers PRECONDITION_FAILED
 * (it exists with other arguments); the channel is closed by then and must not be reused. Other broker
 * errors (ACCESS_REFUSED, a lost connection) are rethrown unchanged.
 */
export async function declareTopology(channel: TopologyChannel, topology: Topology): Promise<void> {
  for (const exchange of topology.exchanges) {
    await conflictsNamed('exchange', exchange.name, () =>
      channel.assertExchange(exchange.name, exchange.type, {
        durable: exchange.durable,
        autoDelete: false,
        internal: false,
      }),
    );
  }
  for (const queue of topology.queues) {
    await conflictsNamed('queue', queue.name, () =>
      channel.assertQueue(queue.name, {
        durable: queue.durable,
        exclusive: false,
        autoDelete: false,
        arguments: { ...queue.arguments },
      }),
    );
  }
  for (const binding of topology.bindings) {
    await channel.bindQueue(binding.queue, binding.exchange, binding.routingKey);
  }
}

async function conflictsNamed(kind: 'exchange' | 'queue', entity: string, declare: () => Promise<unknown>) {
  try {
    await declare();
  } catch (error) {
    if (isPreconditionFailed(error)) throw new TopologyConflictError(kind, entity, error);
    throw error;
  }
}

function isPreconditionFailed(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === PRECONDITION_FAILED || (typeof message === 'string' && message.includes('PRECONDITION_FAILED'));
}
