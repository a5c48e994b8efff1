export { sqlStateOf, type SqlExecutor, type SqlResult, type SqlStore } from './sql-store.js';
export { POSTGRES_SQL_STORE_DEFAULTS, PostgresSqlStore, type PostgresSqlStoreOptions } from './postgres-sql-store.js';
export {
  PGLITE_MEMORY,
  PGLITE_SQL_STORE_DEFAULTS,
  PgliteSqlStore,
  type PgliteSqlStoreOptions,
} from './pglite-sql-store.js';
export {
  MIGRATION_LOCK_KEY,
  MigrationChecksumError,
  defaultMigrationsDirectory,
  migrate,
  readMigrationFiles,
  type MigrateOptions,
  type MigrateResult,
  type MigrationFile,
} from './migrations.js';
