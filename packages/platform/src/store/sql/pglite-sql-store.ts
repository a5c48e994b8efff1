import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite, type Results } from '@electric-sql/pglite';
import { ConfigError } from '../../config/config-error.js';
import type { SqlExecutor, SqlResult, SqlStore } from './sql-store.js';
import { TransactionScope, abortedTransactionError, transactionExecutor } from './transaction-scope.js';

/** PostgreSQL type OIDs whose values `pg` returns as strings; PGlite is told to do the same. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export const PGLITE_MEMORY = 'memory://';

export interface PgliteSqlStoreOptions {
  /**
   * Folder holding the database files, created if missing; {@link PGLITE_MEMORY} (`'memory://'`) keeps
   * everything in memory (tests).
   * @default '.invekto/data'
   */
  readonly dataDir?: string;
  /**
   * PostgreSQL `shared_buffers`. PGlite's 128MB default costs ~110 MB of resident memory that an embedded,
   * single-connection database does not need (measured figures in the module comment below).
   * @default '16MB'
   */
  readonly sharedBuffers?: string;
}

export const PGLITE_SQL_STORE_DEFAULTS = Object.freeze({
  dataDir: '.invekto/data',
  sharedBuffers: '16MB',
});

type CompiledOptions = Readonly<Required<PgliteSqlStoreOptions>>;

function compileOptions(options: PgliteSqlStoreOptions): CompiledOptions {
  const merged = { ...PGLITE_SQL_STORE_DEFAULTS, ...options };
  if (typeof merged.dataDir !== 'string' || merged.dataDir === '') {
    throw new ConfigError('dataDir', 'must be a folder path or memory://');
  }
  if (!/^\d+(kB|MB|GB)$/.test(merged.sharedBuffers)) {
    throw new ConfigError('sharedBuffers', `must look like '16MB', got '${merged.sharedBuffers}'`);
  }
  return Object.freeze(merged);
}

function toResult<Row>(result: Results<Row> | undefined): SqlResult<Row> {
  if (result === undefined) return { rows: [], rowCount: 0 };
  // PGlite reads the count from the CommandComplete tag like `pg` does (`rowCount`, not in its typings);
  // `affectedRows` is its documented fallback for INSERT / UPDATE / DELETE.
  const tagged = (result as { rowCount?: number }).rowCount;
  const rowCount = tagged ?? (result.command === 'SELECT' ? result.rows.length : (result.affectedRows ?? 0));
  return { rows: result.rows, rowCount };
}

async function run<Row>(db: PGlite, sql: string, params: readonly unknown[] | undefined): Promise<SqlResult<Row>> {
  if (params === undefined || params.length === 0) {
    const results = await db.exec(sql);
    return toResult(results[results.length - 1] as Results<Row> | undefined);
  }
  return toResult(await db.query<Row>(sql, [...params]));
}

/**
 * The embedded adapter of {@link SqlStore}, on PGlite (PostgreSQL compiled to WebAssembly).
 *
 * PGlite is one PostgreSQL backend with one session, so every query and every whole transaction runs
 * through a FIFO queue: a transaction is never interleaved with another caller's statement.
 *
 * Memory and start-up, measured on Node 20 (2 cores), `memory://`, RSS after the first query:
 * PGlite defaults 685-734 MB / ~2.3 s; `shared_buffers=16MB` 600-620 MB / ~2.2 s. Most of the cost is
 * initdb, which PGlite runs in a second WebAssembly instance whose memory Node keeps: reopening an
 * existing data folder costs 280 MB / 0.4 s with the defaults and 168 MB / 0.4 s with 16MB. The
 * WebAssembly memory cannot start below the module's own 128 MB (`initialMemory` smaller fails to link).
 * Share one instance per process.
 */
export class PgliteSqlStore implements SqlStore {
  readonly options: CompiledOptions;
  readonly #db: PGlite;
  readonly #scope = new TransactionScope();
  #tail: Promise<unknown> = Promise.resolve();
  #closing: Promise<void> | undefined;

  private constructor(db: PGlite, options: CompiledOptions) {
    this.#db = db;
    this.options = options;
  }

  /** Opens (and on first use initialises) the database; resolves once it answers queries. */
  static async open(options: PgliteSqlStoreOptions = {}): Promise<PgliteSqlStore> {
    const compiled = compileOptions(options);
    const inMemory = compiled.dataDir === PGLITE_MEMORY;
    const dataDir = inMemory ? PGLITE_MEMORY : resolve(compiled.dataDir);
    if (!inMemory) await mkdir(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir, {
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${compiled.sharedBuffers}`],
      parsers: { [INT8_OID]: (value: string) => value, [NUMERIC_OID]: (value: string) => value },
    });
    return new PgliteSqlStore(db, compiled);
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> {
    this.#scope.assertOutside('query');
    return this.#enqueue(() => run<Row>(this.#db, sql, params));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.#scope.assertOutside('transaction');
    return this.#enqueue(async () => {
      const executor = transactionExecutor({ query: (sql, params) => run(this.#db, sql, params) });
      await this.#db.exec('BEGIN');
      let value: T;
      try {
        value = await this.#scope.run(() => fn(executor.tx));
      } catch (error) {
        executor.end();
        await this.#db.exec('ROLLBACK');
        throw error;
      }
      executor.end();
      const [commit] = await this.#db.exec('COMMIT');
      if (commit?.command === 'ROLLBACK') throw abortedTransactionError();
      return value;
    });
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  close(): Promise<void> {
    this.#closing ??= this.#enqueue(() => this.#db.close());
    return this.#closing;
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.#closing !== undefined) return Promise.reject(new Error('The SQL store is closed.'));
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
