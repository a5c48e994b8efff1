import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlExecutor, SqlResult } from './sql-store.js';

/**
 * Remembers which stores have a transaction running in the current async call tree, so that a nested
 * `store.query` / `store.transaction` fails loudly instead of deadlocking on the connection (PGlite,
 * or a PostgreSQL pool at its size limit) or silently running outside the transaction.
 */
export class TransactionScope {
  readonly #storage = new AsyncLocalStorage<true>();

  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.#storage.run(true, fn);
  }

  assertOutside(operation: string): void {
    if (this.#storage.getStore() === true) {
      throw new Error(
        `SqlStore.${operation}() was called inside a transaction on the same store; use the transaction's executor (tx.query) instead.`,
      );
    }
  }
}

/** An executor for one transaction that rejects once `end()` is called, so a leaked `tx` cannot run stray SQL. */
export function transactionExecutor(inner: SqlExecutor): { readonly tx: SqlExecutor; end(): void } {
  let open = true;
  return {
    tx: {
      query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> {
        if (!open) return Promise.reject(new Error('The transaction has ended; its executor can no longer be used.'));
        return inner.query<Row>(sql, params);
      },
    },
    end() {
      open = false;
    },
  };
}

/**
 * PostgreSQL answers COMMIT of a transaction that an earlier statement aborted with a ROLLBACK tag, not an
 * error; the port turns that into a rejection (SQLSTATE 25P02, in_failed_sql_transaction) so lost writes
 * are never reported as committed.
 */
export function abortedTransactionError(): Error & { code: string } {
  return Object.assign(
    new Error('COMMIT rolled back: a statement failed earlier in the transaction and its error was caught.'),
    { code: '25P02' },
  );
}
