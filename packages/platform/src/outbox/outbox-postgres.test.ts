import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServer } from '../__fixtures__/real-servers.js';
import { migrate } from '../store/sql/migrations.js';
import { PostgresSqlStore } from '../store/sql/postgres-sql-store.js';
import { describeOutboxBehaviour, outboxMessage } from './__fixtures__/outbox-behaviour.js';
import { OutboxRepository } from './outbox-repository.js';
import { writeOutbox } from './outbox-writer.js';

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

describe.runIf(postgres.run)('outbox against a real PostgreSQL', () => {
  const database = `invekto_outbox_test_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client | undefined;
  let testUrl = '';
  const stores: PostgresSqlStore[] = [];
  const open = (poolSize: number) => {
    const store = new PostgresSqlStore({ url: testUrl, poolSize });
    stores.push(store);
    return store;
  };
  let shared: Promise<PostgresSqlStore> | undefined;
  const sharedStore = () => {
    shared ??= (async () => {
      const store = open(4);
      await migrate(store);
      return store;
    })();
    return shared;
  };

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

  describeOutboxBehaviour('PostgreSQL', sharedStore);

  it('never hands the same row to two concurrent claimers (SKIP LOCKED)', async () => {
    const store = await sharedStore();
    await store.query('DELETE FROM outbox');
    await store.transaction(async (tx) => {
      for (let n = 0; n < 200; n += 1) await writeOutbox(tx, outboxMessage({ payload: { n } }));
    });

    // Four stores, four pools: the claims race on separate connections, as separate dispatchers would.
    const claimers = Array.from({ length: 4 }, () => new OutboxRepository(open(2)));
    const claimedBy = await Promise.all(
      claimers.map(async (repository) => {
        const ids: string[] = [];
        for (;;) {
          const batch = await repository.claimBatch({ limit: 7, leaseMs: 60_000 });
          if (batch.length === 0) return ids;
          ids.push(...batch.map((row) => row.id));
        }
      }),
    );

    const all = claimedBy.flat();
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    expect(claimedBy.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
    const { rows } = await store.query<{ attempts: number; rows: number }>(
      'SELECT attempts, count(*)::int AS rows FROM outbox GROUP BY attempts',
    );
    expect(rows).toEqual([{ attempts: 1, rows: 200 }]);
  });
});
