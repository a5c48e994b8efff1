import { TopologyConflictError } from '../topology/declare-topology.js';
import { TopologyConfigError, type ExchangeType, type QueueArguments, type Topology } from '../topology/topology.js';

/** A queue's arguments as the SQL broker applies them. */
export interface QueuePolicy {
  readonly name: string;
  /** `x-message-ttl`: how long a message may wait in the queue before it is dead-lettered as `expired`. */
  readonly messageTtlMs: number | undefined;
  /** `x-dead-letter-exchange`; a queue without one drops what it rejects or expires. */
  readonly deadLetterExchange: string | undefined;
  /** `x-dead-letter-routing-key`; without it a dead-lettered message keeps its own routing key. */
  readonly deadLetterRoutingKey: string | undefined;
  /** `x-max-length` (with `x-overflow: reject-publish`): most ready messages the queue accepts. */
  readonly maxLength: number | undefined;
}

const DEFAULT_EXCHANGE = '';

const SUPPORTED_ARGUMENTS = new Set([
  'x-message-ttl',
  'x-dead-letter-exchange',
  'x-dead-letter-routing-key',
  'x-max-length',
  'x-overflow',
]);

/**
 * The exchanges, queues and bindings declared on one broker instance, held in memory: every process
 * declares its topology when it starts, as it does against RabbitMQ. Routing is RabbitMQ's for the
 * exchange types Invekto uses: `direct` delivers to the queues bound with exactly the routing key,
 * `fanout` to every bound queue, and the default exchange `''` to the queue named by the routing key.
 */
export class DeclaredTopology {
  readonly #exchanges = new Map<string, ExchangeType>();
  readonly #queues = new Map<string, { readonly arguments: QueueArguments; readonly policy: QueuePolicy }>();
  /** exchange → routing key → queues; a fanout exchange files every binding under its own key too. */
  readonly #bindings = new Map<string, Map<string, Set<string>>>();

  /**
   * Adds `topology`, idempotently. Validates everything before changing anything: an exchange or queue
   * that exists with other settings is a `TopologyConflictError` (as RabbitMQ's PRECONDITION_FAILED), a
   * queue argument this broker does not implement a `TopologyConfigError` naming it.
   */
  declare(topology: Topology): void {
    const policies = topology.queues.map((queue, i) => ({
      spec: queue,
      policy: compilePolicy(queue.name, queue.arguments, `queues[${i}].arguments`),
    }));
    for (const exchange of topology.exchanges) {
      const current = this.#exchanges.get(exchange.name);
      if (current !== undefined && current !== exchange.type) {
        throw new TopologyConflictError(
          'exchange',
          exchange.name,
          new Error(`declared as ${current}, now as ${exchange.type}`),
        );
      }
    }
    for (const { spec } of policies) {
      const current = this.#queues.get(spec.name);
      if (current !== undefined && !sameArguments(current.arguments, spec.arguments)) {
        throw new TopologyConflictError(
          'queue',
          spec.name,
          new Error(`arguments ${JSON.stringify(current.arguments)} differ from ${JSON.stringify(spec.arguments)}`),
        );
      }
    }
    const exchanges = new Set([...this.#exchanges.keys(), ...topology.exchanges.map((exchange) => exchange.name)]);
    const queues = new Set([...this.#queues.keys(), ...topology.queues.map((queue) => queue.name)]);
    topology.bindings.forEach((binding, i) => {
      if (!exchanges.has(binding.exchange)) {
        throw new TopologyConfigError(`bindings[${i}].exchange`, `exchange "${binding.exchange}" is not declared`);
      }
      if (!queues.has(binding.queue)) {
        throw new TopologyConfigError(`bindings[${i}].queue`, `queue "${binding.queue}" is not declared`);
      }
    });

    for (const exchange of topology.exchanges) this.#exchanges.set(exchange.name, exchange.type);
    for (const { spec, policy } of policies) {
      if (!this.#queues.has(spec.name)) this.#queues.set(spec.name, { arguments: { ...spec.arguments }, policy });
    }
    for (const binding of topology.bindings) {
      let byKey = this.#bindings.get(binding.exchange);
      if (byKey === undefined) {
        byKey = new Map();
        this.#bindings.set(binding.exchange, byKey);
      }
      let bound = byKey.get(binding.routingKey);
      if (bound === undefined) {
        bound = new Set();
        byKey.set(binding.routingKey, bound);
      }
      bound.add(binding.queue);
    }
  }

  /** Whether `name` was declared; the default exchange `''` always exists. */
  hasExchange(name: string): boolean {
    return name === DEFAULT_EXCHANGE || this.#exchanges.has(name);
  }

  /** The policy of a declared queue, or undefined. */
  queue(name: string): QueuePolicy | undefined {
    return this.#queues.get(name)?.policy;
  }

  /** Names of every declared queue. */
  queueNames(): string[] {
    return [...this.#queues.keys()];
  }

  /** Whether any declared queue has a message TTL (otherwise the sweeper has nothing to do). */
  hasExpiringQueues(): boolean {
    for (const { policy } of this.#queues.values()) if (policy.messageTtlMs !== undefined) return true;
    return false;
  }

  /** Queues a message published to `exchange` with `routingKey` goes to, each once, sorted; [] when none. */
  route(exchange: string, routingKey: string): string[] {
    // AMQP's default exchange delivers to the queue named by the routing key.
    if (exchange === DEFAULT_EXCHANGE) return this.#queues.has(routingKey) ? [routingKey] : [];
    const type = this.#exchanges.get(exchange);
    const byKey = this.#bindings.get(exchange);
    if (type === undefined || byKey === undefined) return [];
    if (type === 'direct') return [...(byKey.get(routingKey) ?? [])].sort();
    const all = new Set<string>();
    for (const bound of byKey.values()) for (const queue of bound) all.add(queue);
    return [...all].sort();
  }
}

function compilePolicy(name: string, args: QueueArguments, field: string): QueuePolicy {
  for (const key of Object.keys(args)) {
    if (!SUPPORTED_ARGUMENTS.has(key)) {
      throw new TopologyConfigError(`${field}.${key}`, `the SQL broker does not implement this queue argument`);
    }
  }
  const ttl = args['x-message-ttl'];
  if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isSafeInteger(ttl) || ttl < 1)) {
    throw new TopologyConfigError(`${field}.x-message-ttl`, 'expected a positive integer of milliseconds');
  }
  const maxLength = args['x-max-length'];
  if (maxLength !== undefined && (typeof maxLength !== 'number' || !Number.isSafeInteger(maxLength) || maxLength < 0)) {
    throw new TopologyConfigError(`${field}.x-max-length`, 'expected a non-negative integer');
  }
  // RabbitMQ's default overflow, drop-head, dead-letters the oldest message; Invekto's DLQ refuses the
  // newest instead (seed 000 §3.6), and that is the only overflow this broker implements.
  const overflow = args['x-overflow'];
  if ((maxLength !== undefined || overflow !== undefined) && overflow !== 'reject-publish') {
    throw new TopologyConfigError(`${field}.x-overflow`, `only 'reject-publish' is implemented (queue "${name}")`);
  }
  return {
    name,
    messageTtlMs: ttl,
    deadLetterExchange: text(args['x-dead-letter-exchange'], `${field}.x-dead-letter-exchange`),
    deadLetterRoutingKey: text(args['x-dead-letter-routing-key'], `${field}.x-dead-letter-routing-key`),
    maxLength,
  };
}

function text(value: string | number | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TopologyConfigError(field, 'expected a string');
  return value;
}

function sameArguments(a: QueueArguments, b: QueueArguments): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}
