import { afterAll, describe, expect, it } from 'vitest';
import { describeSqlStoreContract } from './__fixtures__/sql-store-contract.js';
import { PGLITE_MEMORY, PgliteSqlStore } from './pglite-sql-store.js';

// One in-memory PGlite for the whole file: each instance costs ~600 MB and ~2 s (pglite-sql-store.ts).
let shared: Promise<PgliteSqlStore> | undefined;
function sharedStore(): Promise<PgliteSqlStore> {
  shared ??= PgliteSqlStore.open({ dataDir: PGLITE_MEMORY });
  return shared;
}

afterAll(async () => {
  await (await shared)?.close();
});

describeSqlStoreContract('PGlite (memory://)', sharedStore);

describe('PgliteSqlStore', () => {
  it('runs with the tuned shared_buffers', async () => {
    const store = await sharedStore();
    const { rows } = await store.query<{ value: string }>("SELECT current_setting('shared_buffers') AS value");
    expect(rows[0]?.value).toBe('16MB');
  });

  it('serves callers in arrival order while a transaction holds the connection', async () => {
    const store = await sharedStore();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = store.transaction(async (executor) => {
      await executor.query('SELECT 1');
      order.push('tx body');
      await gate;
      order.push('tx end');
    });
    const query = store.query('SELECT 2').then(() => order.push('query'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['tx body']);
    release();
    await Promise.all([tx, query]);
    expect(order).toEqual(['tx body', 'tx end', 'query']);
  });

  it('rejects a bad sharedBuffers value naming the option', async () => {
    await expect(PgliteSqlStore.open({ dataDir: PGLITE_MEMORY, sharedBuffers: 'lots' })).rejects.toThrow(
      /sharedBuffers/,
    );
  });
});
