import { loadConfig } from '@invekto/platform/config';
import { migrate as applyMigrations, PgliteSqlStore, PostgresSqlStore, type SqlStore } from '@invekto/platform/store';

/** `invekto migrate`: applies the SQL migrations to INVEKTO_SQL_URL, or to the embedded database. */
export async function migrate(): Promise<number> {
  const { stores } = loadConfig();
  const store: SqlStore =
    stores.sqlUrl === undefined
      ? await PgliteSqlStore.open({ dataDir: stores.dataDir })
      : new PostgresSqlStore({ url: stores.sqlUrl, applicationName: 'invekto-migrate' });
  try {
    const { applied } = await applyMigrations(store);
    const target = stores.sqlUrl === undefined ? `PGlite in ${stores.dataDir}` : 'PostgreSQL';
    console.log(
      applied.length === 0
        ? `${target}: schema is current.`
        : `${target}: applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join('\n')}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
