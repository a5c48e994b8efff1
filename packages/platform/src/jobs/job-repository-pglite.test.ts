import { afterAll } from 'vitest';
import { migrate } from '../store/sql/migrations.js';
import { PGLITE_MEMORY, PgliteSqlStore } from '../store/sql/pglite-sql-store.js';
import { describeJobRepositoryBehaviour } from './__fixtures__/job-repository-behaviour.js';

// One in-memory PGlite, migrated once, for the whole file: each instance costs ~600 MB and ~2 s.
let shared: Promise<PgliteSqlStore> | undefined;
function sharedStore(): Promise<PgliteSqlStore> {
  shared ??= PgliteSqlStore.open({ dataDir: PGLITE_MEMORY }).then(async (store) => {
    await migrate(store);
    return store;
  });
  return shared;
}

afterAll(async () => {
  await (await shared)?.close();
});

describeJobRepositoryBehaviour('PGlite (memory://)', sharedStore);
