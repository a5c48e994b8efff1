import { ConfigError } from '../../config/config-error.js';
import type { ListenerErrorHandler } from '../../resilience/typed-emitter.js';
import type { SqlStore } from '../../store/sql/sql-store.js';

/** The tunable numbers of a `SqlBroker`; every field is optional and documents its default. */
export interface SqlBrokerSettings {
  /**
   * How long a delivered message stays with its consumer without a renewal. Renewed every
   * `renewIntervalMs` while unsettled, so a slow handler keeps it; a process that dies stops renewing and
   * its messages are delivered again (`redelivered: true`) once the lease lapses.
   * @default 30_000
   */
  readonly leaseMs: number;
  /**
   * How often leases of unsettled deliveries and heartbeats of live subscriptions are renewed. Must be
   * well below `leaseMs`; a third leaves room for two missed renewals.
   * @default 10_000 (leaseMs / 3)
   */
  readonly renewIntervalMs: number;
  /**
   * Pause of an idle subscription between two looks at its queue. A publish through any `SqlBroker` of
   * this process on the same store wakes the subscription at once; this bounds the latency of messages
   * published by other processes, of lapsed leases and of messages requeued elsewhere.
   * @default 50
   */
  readonly pollIntervalMs: number;
  /**
   * Longest pause of the expiry sweeper. It sleeps until the earliest expiry it knows of (the ones this
   * process wrote wake it exactly); this bounds how late it notices expiries written by other processes
   * or freed by a lapsed lease, and so how late a retry rung returns a message to its job queue.
   * @default 1_000
   */
  readonly sweepIntervalMs: number;
  /**
   * Most expired messages dead-lettered by one sweep transaction; a full batch sweeps again at once.
   * @default 500
   */
  readonly sweepBatchSize: number;
  /**
   * Rows this broker writes (publishes, claims, acknowledgements, dead-letterings, purges) between two
   * `VACUUM (ANALYZE)`s of the message table. Needed on PGlite, where autovacuum never runs (see
   * `table-vacuum.ts`); harmless on PostgreSQL.
   * @default 5_000
   */
  readonly vacuumEveryRows: number;
  /**
   * First pause of a background loop (claiming, sweeping) after the database failed; it doubles while
   * the failure lasts, up to `backoffMaxMs`.
   * @default 100
   */
  readonly backoffInitialMs: number;
  /**
   * Longest pause of a background loop while the database is unreachable.
   * @default 5_000
   */
  readonly backoffMaxMs: number;
}

export interface SqlBrokerOptions extends Partial<SqlBrokerSettings> {
  /** Where the queues live: a migrated `PgliteSqlStore` or `PostgresSqlStore`; the broker never closes it. */
  readonly store: SqlStore;
  /**
   * The clock, in epoch milliseconds, that stamps publish times, expiries and leases. Without it the
   * database clock is used, which every process on one PostgreSQL shares.
   * @default undefined (the database clock)
   */
  readonly now?: (() => number) | undefined;
  /** Receives errors thrown by event listeners. @default a process warning */
  readonly onListenerError?: ListenerErrorHandler | undefined;
}

/** The defaults of {@link SqlBrokerSettings}. */
export const SQL_BROKER_DEFAULTS: Readonly<SqlBrokerSettings> = Object.freeze({
  leaseMs: 30_000,
  renewIntervalMs: 10_000,
  pollIntervalMs: 50,
  sweepIntervalMs: 1_000,
  sweepBatchSize: 500,
  vacuumEveryRows: 5_000,
  backoffInitialMs: 100,
  backoffMaxMs: 5_000,
});

const SETTINGS = Object.keys(SQL_BROKER_DEFAULTS) as (keyof SqlBrokerSettings)[];
const COLLABORATORS = new Set(['store', 'now', 'onListenerError']);
// setTimeout fires at once for anything larger (2^31 - 1 ms, about 24.8 days).
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Merges `options` over {@link SQL_BROKER_DEFAULTS} (with `renewIntervalMs` following `leaseMs` when only
 * the lease is given), validates and freezes the result; throws a `ConfigError` naming the first bad field.
 */
export function compileSqlBrokerSettings(options: Partial<SqlBrokerSettings>): SqlBrokerSettings {
  for (const field of Object.keys(options)) {
    if (!Object.hasOwn(SQL_BROKER_DEFAULTS, field) && !COLLABORATORS.has(field)) {
      throw new ConfigError(field, 'is not a known option');
    }
  }
  const settings: Record<string, number> = { ...SQL_BROKER_DEFAULTS };
  for (const field of SETTINGS) {
    const value = options[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_TIMER_MS) {
      throw new ConfigError(field, `must be an integer in 1..${MAX_TIMER_MS}, got ${String(value)}`);
    }
    settings[field] = value;
  }
  if (options.renewIntervalMs === undefined)
    settings['renewIntervalMs'] = Math.max(1, Math.floor(settings['leaseMs']! / 3));
  const compiled = settings as unknown as SqlBrokerSettings;
  if (compiled.renewIntervalMs >= compiled.leaseMs) {
    throw new ConfigError('renewIntervalMs', `must be below leaseMs (${compiled.leaseMs})`);
  }
  if (compiled.backoffMaxMs < compiled.backoffInitialMs) {
    throw new ConfigError('backoffMaxMs', `must be at least backoffInitialMs (${compiled.backoffInitialMs})`);
  }
  return Object.freeze(compiled);
}

/** Checks the collaborators of a `SqlBroker`; throws a `ConfigError` naming the bad one. */
export function checkSqlBrokerCollaborators(options: SqlBrokerOptions): void {
  if (typeof options !== 'object' || options === null) throw new ConfigError('options', 'must be an object');
  const store = options.store as Partial<SqlStore> | undefined;
  for (const method of ['query', 'transaction', 'ping'] as const) {
    if (typeof store?.[method] !== 'function') throw new ConfigError(`store.${method}`, 'must be a function');
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new ConfigError('now', 'must be a function returning epoch milliseconds');
  }
  if (options.onListenerError !== undefined && typeof options.onListenerError !== 'function') {
    throw new ConfigError('onListenerError', 'must be a function');
  }
}
