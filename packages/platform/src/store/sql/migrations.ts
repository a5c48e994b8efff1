import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlExecutor, SqlStore } from './sql-store.js';

/**
 * Arbitrary, fixed key of the transaction-level advisory lock that serialises migrators across
 * processes on PostgreSQL (on PGlite the store's queue already does).
 */
export const MIGRATION_LOCK_KEY = 7_406_482_201;

export interface MigrateOptions {
  /**
   * Folder of `.sql` files, applied in file-name order.
   * @default the `migrations/` folder beside this module (read from `src/` when running from `dist/`,
   * since `tsc` does not copy `.sql` files)
   */
  readonly directory?: string;
}

export interface MigrationFile {
  readonly name: string;
  readonly checksum: string;
  readonly sql: string;
}

export interface MigrateResult {
  /** Files applied by this call, in order; empty when the schema was already current. */
  readonly applied: string[];
}

/** Thrown when an applied migration file was edited afterwards: fix forward with a new file instead. */
export class MigrationChecksumError extends Error {
  readonly migration: string;

  constructor(migration: string, recorded: string, current: string) {
    super(
      `Migration ${migration} changed after it was applied (recorded sha256 ${recorded}, file ${current}); ` +
        'restore the file and add a new migration instead.',
    );
    this.name = 'MigrationChecksumError';
    this.migration = migration;
  }
}

export function defaultMigrationsDirectory(): string {
  const here = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
  return existsSync(here) ? here : here.replace('/dist/', '/src/');
}

/** Reads the `.sql` files of `directory` in name order, with their sha256 checksums. */
export async function readMigrationFiles(directory: string = defaultMigrationsDirectory()): Promise<MigrationFile[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(directory, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

async function appliedChecksums(tx: SqlExecutor): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ ledger: string | null }>("SELECT to_regclass('schema_migrations')::text AS ledger");
  if (rows[0]?.ledger == null) return new Map();
  const applied = await tx.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations');
  return new Map(applied.rows.map((row) => [row.name, row.checksum]));
}

/**
 * Brings the schema up to date: applies every file not yet recorded in `schema_migrations`, in name
 * order, each in its own transaction together with its ledger row, so a failing file leaves nothing
 * behind and later files are not attempted. Idempotent. Refuses (MigrationChecksumError, before applying
 * anything further) when a recorded file's content changed. Each transaction first takes
 * `pg_advisory_xact_lock`, so processes migrating at once apply each file exactly once.
 */
export async function migrate(store: SqlStore, options: MigrateOptions = {}): Promise<MigrateResult> {
  const files = await readMigrationFiles(options.directory);
  const applied: string[] = [];
  for (const file of files) {
    const ran = await store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const recorded = await appliedChecksums(tx);
      for (const other of files) {
        const checksum = recorded.get(other.name);
        if (checksum !== undefined && checksum !== other.checksum) {
          throw new MigrationChecksumError(other.name, checksum, other.checksum);
        }
      }
      if (recorded.has(file.name)) return false;
      await tx.query(file.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
      return true;
    });
    if (ran) applied.push(file.name);
  }
  return { applied };
}
