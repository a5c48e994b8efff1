import { isInvektoError } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { TEST_PG_URL, useTestDatabase } from '../../__fixtures__/postgres-test-database.js';
import { realServer } from '../../__fixtures__/real-servers.js';
import { describeSqlStoreContract } from './__fixtures__/sql-store-contract.js';
import { migrate, readMigrationFiles } from './migrations.js';
import { PostgresSqlStore } from './postgres-sql-store.js';

const postgres = await realServer('PostgreSQL', TEST_PG_URL);

describe.runIf(postgres.run)('PostgresSqlStore against a real server', () => {
  const database = useTestDatabase(postgres, 'invekto_test');
  const open = database.open;
  let shared: PostgresSqlStore | undefined;

  describeSqlStoreContract('PostgreSQL', async () => {
    shared ??= open({ poolSize: 8 });
    return shared;
  });

  it('maps statement_timeout to INV-NET-001 and keeps serving', async () => {
    const store = open({ statementTimeoutMs: 100, poolSize: 1 });
    const error = await store.query('SELECT pg_sleep(2)').catch((e: unknown) => e);
    expect(isInvektoError(error) && error.code).toBe('INV-NET-001');
    expect((error as Error).cause).toMatchObject({ code: '57014' });
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('lets two processes migrate a fresh database at once, each file applied once', async () => {
    const [a, b] = [open({ poolSize: 2 }), open({ poolSize: 2 })];
    await a.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const results = await Promise.all([migrate(a), migrate(b)]);
    const files = (await readMigrationFiles()).map((file) => file.name);
    expect(results.flatMap((result) => result.applied).sort()).toEqual(files);
  });

  it('hands a pooled connection back after a rollback', async () => {
    const store = open({ poolSize: 1 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(store.transaction(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    }
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('PostgresSqlStore without a server', () => {
  it('rejects ping() fast with INV-NET-002 when nothing listens', async () => {
    const store = new PostgresSqlStore({ url: 'postgres://postgres@127.0.0.1:1/x' });
    const started = performance.now();
    const error = await store.ping().catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(isInvektoError(error) && error.code).toBe('INV-NET-002');
    await expect(store.transaction(async () => 1)).rejects.toMatchObject({ code: 'INV-NET-002' });
    await store.close();
  });

  it('rejects an invalid option naming it', () => {
    expect(() => new PostgresSqlStore({ url: 'mysql://x' })).toThrow(/url/);
    expect(() => new PostgresSqlStore({ url: 'postgres://x', poolSize: 0 })).toThrow(/poolSize/);
  });
});
