import { ConfigError } from '../config/config-error.js';
import type { Broker } from '../messaging/broker/broker.js';
import type { Logger } from '../observability/logger.js';
import type { ListenerErrorHandler } from '../resilience/typed-emitter.js';
import type { OutboxRepository } from './outbox-repository.js';

/** What the dispatcher needs of the outbox table; an `OutboxRepository` in production. */
export type OutboxDispatchRepository = Pick<
  OutboxRepository,
  'claimBatch' | 'markDispatched' | 'markFailed' | 'pending' | 'purgeDispatched'
>;

/** What the dispatcher needs of the broker: publishing with publisher confirms. */
export type OutboxPublisher = Pick<Broker, 'publish'>;

/** The tunable numbers of an `OutboxDispatcher`; every field is optional and documents its default. */
export interface OutboxDispatcherSettings {
  /**
   * Most rows claimed and published per batch.
   * @default 500
   */
  readonly batchSize: number;
  /**
   * How long a claimed row stays with this dispatcher; if the process dies mid-batch, another
   * dispatcher takes the row over once the lease lapses. Must exceed `publishTimeoutMs`.
   * @default 30_000
   */
  readonly leaseMs: number;
  /**
   * Publishes awaiting their confirm at once. Confirms are pipelined, so this, not the round trip,
   * bounds throughput.
   * @default 64
   */
  readonly maxInFlight: number;
  /**
   * A publish not confirmed within this long counts as failed (INV-BUS-001) and its row is retried;
   * it also bounds how long `close()` can wait for one publish. No publish starts later than
   * `leaseMs - publishTimeoutMs` after the claim, so every row is settled before its lease lapses.
   * @default 10_000
   */
  readonly publishTimeoutMs: number;
  /**
   * Pause after a batch that was not full, unless `notify()` is called first.
   * @default 100
   */
  readonly idleIntervalMs: number;
  /**
   * Delay before a row whose publish failed (not confirmed, timed out) is due again, on its first
   * attempt; it doubles with each further attempt up to `retryMaxDelayMs`. Attempts count claims, so
   * a row handed back during a broker outage has used some up.
   * @default 1_000
   */
  readonly retryBaseDelayMs: number;
  /**
   * Longest delay of a row that keeps failing.
   * @default 60_000
   */
  readonly retryMaxDelayMs: number;
  /**
   * Delay before a row refused for good (PERMANENT, e.g. INV-BUS-002: no queue bound for its routing
   * key) is tried again. The row is never deleted: an operator fixes the binding and it goes out on
   * the next try. Ten minutes is the last rung of the retry ladder (seed 000 §3.8: 2s → … → 10m).
   * @default 600_000
   */
  readonly permanentRetryDelayMs: number;
  /**
   * First pause of the whole loop after the broker turned out unreachable (INV-BUS-006) or the
   * outbox table could not be read; it doubles while the trouble lasts, up to `backoffMaxMs`.
   * @default 100
   */
  readonly backoffInitialMs: number;
  /**
   * Longest pause of the loop while the broker or the database is down.
   * @default 5_000
   */
  readonly backoffMaxMs: number;
  /**
   * How often dispatched rows are purged; 0 turns purging off (for a process that leaves it to others).
   * @default 60_000
   */
  readonly purgeIntervalMs: number;
  /**
   * How long a dispatched row is kept, for audit and for answering "was it sent?".
   * @default 86_400_000 (24 hours)
   */
  readonly retainDispatchedMs: number;
  /**
   * Rows deleted per purge statement; a pass repeats it until fewer come back.
   * @default 1_000
   */
  readonly purgeBatchSize: number;
}

export interface OutboxDispatcherOptions extends Partial<OutboxDispatcherSettings> {
  readonly repository: OutboxDispatchRepository;
  readonly broker: OutboxPublisher;
  /**
   * Receives state changes only: a message the broker refuses for good (error), the broker or the
   * database going away (warn, once per outage) and coming back (info). Per-row retries are events.
   */
  readonly logger: Pick<Logger, 'error' | 'warn' | 'info'>;
  /** Receives errors thrown by event listeners. @default a process warning */
  readonly onListenerError?: ListenerErrorHandler;
}

/** The defaults of {@link OutboxDispatcherSettings}. */
export const OUTBOX_DISPATCHER_DEFAULTS: Readonly<OutboxDispatcherSettings> = Object.freeze({
  batchSize: 500,
  leaseMs: 30_000,
  maxInFlight: 64,
  publishTimeoutMs: 10_000,
  idleIntervalMs: 100,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 60_000,
  permanentRetryDelayMs: 10 * 60_000,
  backoffInitialMs: 100,
  backoffMaxMs: 5_000,
  purgeIntervalMs: 60_000,
  retainDispatchedMs: 24 * 60 * 60_000,
  purgeBatchSize: 1_000,
});

const SETTINGS = Object.keys(OUTBOX_DISPATCHER_DEFAULTS) as (keyof OutboxDispatcherSettings)[];
/** Settings where 0 means something (no pause, no purge); the others must be at least 1. */
const ZERO_ALLOWED: ReadonlySet<keyof OutboxDispatcherSettings> = new Set([
  'idleIntervalMs',
  'retryBaseDelayMs',
  'purgeIntervalMs',
  'retainDispatchedMs',
]);
// setTimeout fires at once for anything larger (2^31 - 1 ms, about 24.8 days).
const MAX_TIMER_MS = 2_147_483_647;

function requireFunction(field: string, value: unknown): void {
  if (typeof value !== 'function') throw new ConfigError(field, 'must be a function');
}

/**
 * Merges `options` over {@link OUTBOX_DISPATCHER_DEFAULTS}, validates and freezes the result; throws a
 * `ConfigError` naming the first bad field.
 */
export function compileOutboxDispatcherSettings(options: Partial<OutboxDispatcherSettings>): OutboxDispatcherSettings {
  const settings: Record<string, number> = { ...OUTBOX_DISPATCHER_DEFAULTS };
  for (const field of Object.keys(options)) {
    if (!Object.hasOwn(OUTBOX_DISPATCHER_DEFAULTS, field)) throw new ConfigError(field, 'is not a known option');
  }
  for (const field of SETTINGS) {
    const value = options[field];
    if (value === undefined) continue;
    const min = ZERO_ALLOWED.has(field) ? 0 : 1;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      throw new ConfigError(field, `must be an integer >= ${min}, got ${String(value)}`);
    }
    settings[field] = value;
  }
  const compiled = settings as unknown as OutboxDispatcherSettings;
  for (const field of [
    'leaseMs',
    'publishTimeoutMs',
    'idleIntervalMs',
    'backoffMaxMs',
    'retryMaxDelayMs',
    'permanentRetryDelayMs',
    'purgeIntervalMs',
  ] as const) {
    if (compiled[field] > MAX_TIMER_MS) throw new ConfigError(field, `must be at most ${MAX_TIMER_MS} ms`);
  }
  if (compiled.publishTimeoutMs >= compiled.leaseMs) {
    throw new ConfigError('publishTimeoutMs', `must be below leaseMs (${compiled.leaseMs})`);
  }
  if (compiled.retryMaxDelayMs < compiled.retryBaseDelayMs) {
    throw new ConfigError('retryMaxDelayMs', `must be at least retryBaseDelayMs (${compiled.retryBaseDelayMs})`);
  }
  if (compiled.backoffMaxMs < compiled.backoffInitialMs) {
    throw new ConfigError('backoffMaxMs', `must be at least backoffInitialMs (${compiled.backoffInitialMs})`);
  }
  return Object.freeze(compiled);
}

/** Checks the collaborators of an `OutboxDispatcher`; throws a `ConfigError` naming the missing one. */
export function checkOutboxDispatcherCollaborators(options: OutboxDispatcherOptions): void {
  if (typeof options !== 'object' || options === null) throw new ConfigError('options', 'must be an object');
  for (const method of ['claimBatch', 'markDispatched', 'markFailed', 'pending', 'purgeDispatched'] as const) {
    requireFunction(
      `repository.${method}`,
      (options.repository as Partial<OutboxDispatchRepository> | undefined)?.[method],
    );
  }
  requireFunction('broker.publish', (options.broker as Partial<OutboxPublisher> | undefined)?.publish);
  for (const level of ['error', 'warn', 'info'] as const) {
    requireFunction(
      `logger.${level}`,
      (options.logger as Partial<OutboxDispatcherOptions['logger']> | undefined)?.[level],
    );
  }
  if (options.onListenerError !== undefined) requireFunction('onListenerError', options.onListenerError);
}
