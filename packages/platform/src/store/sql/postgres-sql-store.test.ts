import { randomBytes } from 'node:crypto';
import { isInvektoError } from '@invekto/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServer } from '../../__fixtures__/real-servers.js';
import { describeSqlStoreContract } from './__fixtures__/sql-store-contract.js';
import { migrate } from './migrations.js';
import { PostgresSqlStore } from './postgres-sql-store.js';

const url = process.env['INVEKTO_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const postgres = await realServer('PostgreSQL', url);

/** Connects as the URL's user, or as `root` when that role does not exist on this server. */
async function adminClient(): Promise<{ client: pg.Client; adminUrl: URL }> {
  const adminUrl = new URL(url);
  for (const user of [adminUrl.username, 'root']) {
    adminUrl.username = user;
    const client = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      return { client, adminUrl };
    } catch (error) {
      await client.end().catch(() => undefined);
      if ((error as { code?: unknown }).code !== '28000') throw error;
    }
  }
  throw new Error(`Neither ${new URL(url).username} nor root may connect to ${url}`);
}

describe.runIf(postgres.run)('PostgresSqlStore against a real server', () => {
  const database = `invekto_test_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client | undefined;
  let testUrl = '';
  const stores: PostgresSqlStore[] = [];
  const open = (options: Partial<ConstructorParameters<typeof PostgresSqlStore>[0]> = {}) => {
    const store = new PostgresSqlStore({ url: testUrl, ...options });
    stores.push(store);
    return store;
  };
  let shared: PostgresSqlStore | undefined;

  beforeAll(async () => {
    postgres.assertReachable();
    const connected = await adminClient();
    admin = connected.client;
    await admin.query(`CREATE DATABASE ${database}`);
    connected.adminUrl.pathname = `/${database}`;
    testUrl = connected.adminUrl.toString();
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    if (admin !== undefined) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });

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
    await a.query('DROP TABLE IF EXISTS schema_migrations, jobs, outbox');
    const results = await Promise.all([migrate(a), migrate(b)]);
    expect(results.flatMap((result) => result.applied).sort()).toEqual([
      '0001_schema_migrations.sql',
      '0002_jobs_and_outbox.sql',
    ]);
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
