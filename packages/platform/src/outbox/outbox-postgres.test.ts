import { describe, expect, it } from 'vitest';
import { TEST_PG_URL, useTestDatabase } from '../__fixtures__/postgres-test-database.js';
import { realServer } from '../__fixtures__/real-servers.js';
import { migrate } from '../store/sql/migrations.js';
import type { PostgresSqlStore } from '../store/sql/postgres-sql-store.js';
import { describeOutboxBehaviour, outboxMessage } from './__fixtures__/outbox-behaviour.js';
import { OutboxRepository } from './outbox-repository.js';
import { writeOutbox } from './outbox-writer.js';

const postgres = await realServer('PostgreSQL', TEST_PG_URL);

describe.runIf(postgres.run)('outbox against a real PostgreSQL', () => {
  const database = useTestDatabase(postgres, 'invekto_outbox_test');
  const open = (poolSize: number) => database.open({ poolSize });
  let shared: Promise<PostgresSqlStore> | undefined;
  const sharedStore = () => {
    shared ??= (async () => {
      const store = open(4);
      await migrate(store);
      return store;
    })();
    return shared;
  };

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
