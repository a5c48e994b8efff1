import pg from 'pg';
import { ConfigError } from '../../config/config-error.js';
import { toPostgresStoreError } from './postgres-errors.js';
import type { SqlExecutor, SqlResult, SqlStore } from './sql-store.js';
import { TransactionScope, abortedTransactionError, transactionExecutor } from './transaction-scope.js';

export interface PostgresSqlStoreOptions {
  /** Connection URL, e.g. `postgres://invekto@db:5432/invekto`. */
  readonly url: string;
  /**
   * Most connections the pool opens.
   * @default 10
   */
  readonly poolSize?: number;
  /**
   * Server-side `statement_timeout` for every statement; a statement running longer fails with
   * INV-NET-001.
   * @default 30_000
   */
  readonly statementTimeoutMs?: number;
  /**
   * How long to wait for a connection (opening one, or a free one from a full pool) before failing with
   * INV-NET-001; a refused connection fails at once with INV-NET-002.
   * @default 2_000
   */
  readonly connectionTimeoutMs?: number;
  /**
   * Idle connections are closed after this long.
   * @default 10_000
   */
  readonly idleTimeoutMs?: number;
  /**
   * `application_name`, shown in `pg_stat_activity`.
   * @default 'invekto'
   */
  readonly applicationName?: string;
}

export const POSTGRES_SQL_STORE_DEFAULTS = Object.freeze({
  poolSize: 10,
  statementTimeoutMs: 30_000,
  connectionTimeoutMs: 2_000,
  idleTimeoutMs: 10_000,
  applicationName: 'invekto',
});

type CompiledOptions = Readonly<Required<PostgresSqlStoreOptions>>;

function compileOptions(options: PostgresSqlStoreOptions): CompiledOptions {
  const merged = { ...POSTGRES_SQL_STORE_DEFAULTS, ...options };
  if (typeof merged.url !== 'string' || !/^postgres(ql)?:\/\//.test(merged.url)) {
    throw new ConfigError('url', 'must be a postgres:// or postgresql:// URL');
  }
  for (const field of ['poolSize', 'statementTimeoutMs', 'connectionTimeoutMs', 'idleTimeoutMs'] as const) {
    const value = merged[field];
    if (!Number.isInteger(value) || value <= 0)
      throw new ConfigError(field, `must be a positive integer, got ${value}`);
  }
  return Object.freeze(merged);
}

function toResult<Row>(result: pg.QueryResult | pg.QueryResult[]): SqlResult<Row> {
  // A parameterless text with several statements yields one result per statement; keep the last.
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return { rows: (last?.rows ?? []) as Row[], rowCount: last?.rowCount ?? 0 };
}

async function run<Row>(
  client: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly unknown[] | undefined,
): Promise<SqlResult<Row>> {
  try {
    const result: pg.QueryResult | pg.QueryResult[] =
      params === undefined || params.length === 0 ? await client.query(sql) : await client.query(sql, [...params]);
    return toResult<Row>(result);
  } catch (error) {
    throw toPostgresStoreError(error);
  }
}

/** The PostgreSQL adapter of {@link SqlStore}: a `pg.Pool`, one pooled connection per transaction. */
export class PostgresSqlStore implements SqlStore {
  readonly options: CompiledOptions;
  readonly #pool: pg.Pool;
  readonly #scope = new TransactionScope();
  #closing: Promise<void> | undefined;

  constructor(options: PostgresSqlStoreOptions) {
    this.options = compileOptions(options);
    this.#pool = new pg.Pool({
      connectionString: this.options.url,
      max: this.options.poolSize,
      statement_timeout: this.options.statementTimeoutMs,
      connectionTimeoutMillis: this.options.connectionTimeoutMs,
      idleTimeoutMillis: this.options.idleTimeoutMs,
      application_name: this.options.applicationName,
    });
    // An idle client losing its connection is reported here; without a listener Node would crash the
    // process. The pool drops that client, and the next checkout surfaces any lasting outage.
    this.#pool.on('error', () => undefined);
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> {
    this.#scope.assertOutside('query');
    return run<Row>(this.#pool, sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.#scope.assertOutside('transaction');
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw toPostgresStoreError(error);
    }
    const executor = transactionExecutor({ query: (sql, params) => run(client, sql, params) });
    // Set when BEGIN / COMMIT / ROLLBACK fails: the connection is in an unknown state, so it is
    // destroyed rather than handed to the next caller.
    let broken: Error | undefined;
    const control = async (statement: 'BEGIN' | 'COMMIT' | 'ROLLBACK'): Promise<string> => {
      try {
        return (await client.query(statement)).command;
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        throw toPostgresStoreError(error);
      }
    };
    try {
      await control('BEGIN');
      let value: T;
      try {
        value = await this.#scope.run(() => fn(executor.tx));
      } catch (error) {
        executor.end();
        await control('ROLLBACK').catch(() => undefined);
        throw error;
      }
      executor.end();
      if ((await control('COMMIT')) === 'ROLLBACK') throw abortedTransactionError();
      return value;
    } finally {
      executor.end();
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  close(): Promise<void> {
    this.#closing ??= this.#pool.end();
    return this.#closing;
  }
}
