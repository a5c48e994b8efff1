import type { QueueArguments, Topology } from './topology.js';

/**
 * Vhost of the committed `infra/rabbitmq/definitions.json`. Environments are isolated by vhost
 * (seed 000 "Environment Strategy"): `invekto-dev`, `invekto-test`, `invekto-prod`.
 */
export const DEFAULT_DEFINITIONS_VHOST = 'invekto-dev';

export interface DefinitionsOptions {
  /** Vhost every exchange, queue and binding belongs to; the file also creates it. */
  readonly vhost: string;
}

export interface ExchangeDefinition {
  name: string;
  vhost: string;
  type: string;
  durable: boolean;
  auto_delete: boolean;
  internal: boolean;
  arguments: Record<string, never>;
}

export interface QueueDefinition {
  name: string;
  vhost: string;
  durable: boolean;
  auto_delete: boolean;
  arguments: QueueArguments;
}

export interface BindingDefinition {
  source: string;
  vhost: string;
  destination: string;
  destination_type: 'queue';
  routing_key: string;
  arguments: Record<string, never>;
}

/**
 * The subset of a RabbitMQ definitions file the topology needs. Users and permissions are left out on
 * purpose: they hold secrets and differ per environment.
 */
export interface RabbitDefinitions {
  vhosts: { name: string }[];
  exchanges: ExchangeDefinition[];
  queues: QueueDefinition[];
  bindings: BindingDefinition[];
}

/** The topology as a definitions object for `rabbitmqctl import_definitions` or `POST /api/definitions`. */
export function toDefinitions(topology: Topology, options: DefinitionsOptions): RabbitDefinitions {
  const { vhost } = options;
  if (typeof vhost !== 'string' || vhost.length === 0)
    throw new Error('toDefinitions: vhost must be a non-empty string');
  return {
    vhosts: [{ name: vhost }],
    exchanges: topology.exchanges.map((exchange) => ({
      name: exchange.name,
      vhost,
      type: exchange.type,
      durable: exchange.durable,
      auto_delete: false,
      internal: false,
      arguments: {},
    })),
    queues: topology.queues.map((queue) => ({
      name: queue.name,
      vhost,
      durable: queue.durable,
      auto_delete: false,
      arguments: { ...queue.arguments },
    })),
    bindings: topology.bindings.map((binding) => ({
      source: binding.exchange,
      vhost,
      destination: binding.queue,
      destination_type: 'queue',
      routing_key: binding.routingKey,
      arguments: {},
    })),
  };
}

/** The definitions as the committed file holds them: two-space JSON and a final newline. */
export function renderDefinitions(definitions: RabbitDefinitions): string {
  return `${JSON.stringify(definitions, null, 2)}\n`;
}
