export { SqlBroker } from './sql-broker.js';
export {
  SQL_BROKER_DEFAULTS,
  compileSqlBrokerSettings,
  type SqlBrokerOptions,
  type SqlBrokerSettings,
} from './sql-broker-options.js';
export type { DeadLetterReason, DropCause, SqlBrokerEvents, SqlBrokerLoop } from './sql-broker-events.js';
export type { XDeathEntry } from './x-death.js';
