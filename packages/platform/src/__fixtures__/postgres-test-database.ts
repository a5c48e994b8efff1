import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { PostgresSqlStore, type PostgresSqlStoreOptions } from '../store/sql/postgres-sql-store.js';
import type { RealServer } from './real-servers.js';

export const TEST_PG_URL = process.env['INVEKTO_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Connects as the URL's user, or as `root` when that role does not exist on this server. */
async function adminClient(url: string): Promise<{ client: pg.Client; adminUrl: URL }> {
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

export interface TestDatabase {
  /** The run's database URL, once `beforeAll` has created it. */
  url(): string;
  /** A store on the run's database; every store opened here is closed after the suite. */
  open(options?: Partial<Omit<PostgresSqlStoreOptions, 'url'>>): PostgresSqlStore;
}

/**
 * Gives the enclosing describe block a database of its own (`<prefix>_<random>`), created before its
 * tests and dropped after them; never touches another database. Call inside `describe`.
 */
export function useTestDatabase(server: RealServer, prefix: string, url = TEST_PG_URL): TestDatabase {
  const database = `${prefix}_${randomBytes(6).toString('hex')}`;
  const stores: PostgresSqlStore[] = [];
  let admin: pg.Client | undefined;
  let testUrl = '';

  beforeAll(async () => {
    server.assertReachable();
    const connected = await adminClient(url);
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

  return {
    url: () => testUrl,
    open(options = {}) {
      const store = new PostgresSqlStore({ url: testUrl, ...options });
      stores.push(store);
      return store;
    },
  };
}
