/** One result of a statement: the rows it returned and how many rows it returned or changed. */
export interface SqlResult<Row> {
  readonly rows: Row[];
  /**
   * Rows changed by INSERT / UPDATE / DELETE, or rows returned by SELECT; `0` for statements that
   * neither return nor change rows (DDL, SET, ...).
   */
  readonly rowCount: number;
}

/** What runs SQL: the store itself, or the executor handed to a transaction callback. */
export interface SqlExecutor {
  /**
   * Runs `sql` in the PostgreSQL dialect with `$1`, `$2`, ... placeholders bound to `params`.
   *
   * - With parameters the text must hold one statement (extended query protocol).
   * - Without parameters it may hold several statements separated by `;` (simple query protocol,
   *   used by migrations); the result is that of the last statement.
   * - Values come back parsed the same way by every adapter: `jsonb`/`json` as JavaScript values,
   *   `timestamptz` as `Date`, `int8`/`bigserial` and `numeric` as strings (they may not fit a number),
   *   `int4` and floats as numbers.
   * - A plain object passed for a `jsonb` parameter is sent as JSON; pass `JSON.stringify(value)` for
   *   JSON arrays and scalars, which `pg` would otherwise send as PostgreSQL arrays / text.
   * - Errors raised by PostgreSQL (constraint violations, syntax errors, ...) are rethrown as they are,
   *   with their SQLSTATE in `code` (read it with {@link sqlStateOf}). Failing to reach the server is an
   *   `InvektoError('INV-NET-002')`; a timeout is an `InvektoError('INV-NET-001')` (both TRANSIENT).
   */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
}

/**
 * The SQL store port: PostgreSQL in production (`PostgresSqlStore`), embedded PGlite for
 * `invekto up` and tests (`PgliteSqlStore`); `describeSqlStoreContract` holds both to the same
 * semantics.
 */
export interface SqlStore extends SqlExecutor {
  /**
   * Runs `fn` in one transaction (READ COMMITTED, PostgreSQL's default) on one connection: commits when
   * the promise `fn` returns resolves and returns its value; rolls back when it rejects and rethrows
   * the same error. Every statement of the transaction must go through `tx`; `tx` rejects once the
   * transaction has ended.
   *
   * Nested use is not supported: calling `query` or `transaction` on the store from inside `fn`
   * (anywhere in its async call tree) rejects at once instead of running outside the transaction or
   * waiting forever for the connection `fn` holds. Do not catch a SQL error inside `fn` and carry on:
   * PostgreSQL has aborted the transaction, and every later statement fails.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Resolves when the database answers `SELECT 1`; rejects with the mapped error otherwise. */
  ping(): Promise<void>;
  /** Waits for running work, then releases connections / the embedded database; idempotent. */
  close(): Promise<void>;
}

/** The SQLSTATE of an error raised by PostgreSQL (e.g. `'23505'` for a unique violation), if any. */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
