export { RabbitMqBroker } from './rabbitmq-broker.js';
export { RABBITMQ_BROKER_DEFAULTS, type RabbitMqBrokerOptions } from './rabbitmq-broker-options.js';
export type { RabbitMqBrokerEvents } from './rabbitmq-broker-events.js';
