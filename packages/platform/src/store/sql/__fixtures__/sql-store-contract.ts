import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationChecksumError, migrate, readMigrationFiles } from '../migrations.js';
import { sqlStateOf, type SqlStore } from '../sql-store.js';

/** A table name no other test of the same store uses. */
function uniqueTable(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/**
 * The semantics every {@link SqlStore} adapter must have. `createStore` may hand out a shared store;
 * the caller owns its lifetime (closes it), and every test here works in tables of its own.
 */
export function describeSqlStoreContract(name: string, createStore: () => Promise<SqlStore>): void {
  describe(`SqlStore contract: ${name}`, () => {
    let store: SqlStore;
    let scratch: string;

    beforeAll(async () => {
      store = await createStore();
      scratch = await mkdtemp(join(tmpdir(), 'invekto-sql-contract-'));
    });

    afterAll(async () => {
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
    });

    async function createItems(): Promise<string> {
      const table = uniqueTable('contract_items');
      await store.query(`CREATE TABLE ${table} (id text PRIMARY KEY, n int NOT NULL, doc jsonb, big bigint)`);
      return table;
    }

    it('ping() resolves', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('binds $n parameters and reports rowCount for writes and reads', async () => {
      const table = await createItems();
      const inserted = await store.query(`INSERT INTO ${table} (id, n) VALUES ($1, $2), ($3, $4)`, ['a', 1, 'b', 2]);
      expect(inserted.rowCount).toBe(2);
      const selected = await store.query<{ id: string; n: number }>(
        `SELECT id, n FROM ${table} WHERE n >= $1 ORDER BY id`,
        [1],
      );
      expect(selected.rows).toEqual([
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ]);
      expect(selected.rowCount).toBe(2);
      const updated = await store.query(`UPDATE ${table} SET n = n + 1 WHERE id = $1`, ['zzz']);
      expect(updated.rowCount).toBe(0);
      expect((await store.query(`CREATE INDEX ON ${table} (n)`)).rowCount).toBe(0);
    });

    it('runs a parameterless text of several statements and returns the last result', async () => {
      const table = uniqueTable('contract_multi');
      const result = await store.query<{ n: number }>(
        `CREATE TABLE ${table} (n int); INSERT INTO ${table} VALUES (1), (2); SELECT sum(n)::int AS n FROM ${table}`,
      );
      expect(result.rows).toEqual([{ n: 3 }]);
    });

    it('round-trips jsonb, timestamptz and bigint values the same way', async () => {
      const table = await createItems();
      const doc = { text: 'çay ☕', nested: { list: [1, 'two', null], flag: true }, n: 1.5 };
      await store.query(`INSERT INTO ${table} (id, n, doc, big) VALUES ($1, $2, $3, $4)`, [
        'j',
        1,
        doc,
        '9007199254740993',
      ]);
      await store.query(`INSERT INTO ${table} (id, n, doc) VALUES ($1, $2, $3)`, ['arr', 2, JSON.stringify([1, 2])]);
      const { rows } = await store.query<{ doc: unknown; big: unknown; now: unknown }>(
        `SELECT doc, big, now() AS now FROM ${table} WHERE id = $1`,
        ['j'],
      );
      expect(rows[0]?.doc).toEqual(doc);
      expect(rows[0]?.big).toBe('9007199254740993');
      expect(rows[0]?.now).toBeInstanceOf(Date);
      const arr = await store.query<{ doc: unknown }>(`SELECT doc FROM ${table} WHERE id = 'arr'`);
      expect(arr.rows[0]?.doc).toEqual([1, 2]);
      const filtered = await store.query(`SELECT id FROM ${table} WHERE doc -> 'nested' ->> 'flag' = $1`, ['true']);
      expect(filtered.rows).toEqual([{ id: 'j' }]);
    });

    it('commits a transaction and returns its value', async () => {
      const table = await createItems();
      const value = await store.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} (id, n) VALUES ($1, $2)`, ['t1', 1]);
        await tx.query(`INSERT INTO ${table} (id, n) VALUES ($1, $2)`, ['t2', 2]);
        return 'done';
      });
      expect(value).toBe('done');
      expect((await store.query(`SELECT id FROM ${table} ORDER BY id`)).rows).toEqual([{ id: 't1' }, { id: 't2' }]);
    });

    it('rolls back when the callback throws and rethrows the same error', async () => {
      const table = await createItems();
      const failure = new Error('business rule failed');
      await expect(
        store.transaction(async (tx) => {
          await tx.query(`INSERT INTO ${table} (id, n) VALUES ($1, $2)`, ['gone', 1]);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect((await store.query(`SELECT id FROM ${table}`)).rowCount).toBe(0);
    });

    it('surfaces a unique violation with SQLSTATE 23505, in and out of a transaction', async () => {
      const table = await createItems();
      await store.query(`INSERT INTO ${table} (id, n) VALUES ('dup', 1)`);
      const outside = await store.query(`INSERT INTO ${table} (id, n) VALUES ('dup', 2)`).catch((e: unknown) => e);
      expect(sqlStateOf(outside)).toBe('23505');
      const inside = await store
        .transaction(async (tx) => {
          await tx.query(`INSERT INTO ${table} (id, n) VALUES ('other', 1)`);
          await tx.query(`INSERT INTO ${table} (id, n) VALUES ('dup', 3)`);
        })
        .catch((e: unknown) => e);
      expect(sqlStateOf(inside)).toBe('23505');
      expect((await store.query(`SELECT id FROM ${table}`)).rows).toEqual([{ id: 'dup' }]);
    });

    it('refuses to report a transaction committed after a caught statement error aborted it', async () => {
      const table = await createItems();
      const result = await store
        .transaction(async (tx) => {
          await tx.query(`INSERT INTO ${table} (id, n) VALUES ('kept?', 1)`);
          await tx.query('SELECT no_such_column FROM pg_class').catch(() => undefined);
        })
        .catch((e: unknown) => e);
      expect(sqlStateOf(result)).toBe('25P02');
      expect((await store.query(`SELECT id FROM ${table}`)).rowCount).toBe(0);
    });

    it('never interleaves concurrent transactions on one store', async () => {
      const table = uniqueTable('contract_counter');
      await store.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, slot int NOT NULL)`);
      // 20 transactions at once; odd ones roll back after a pause. Interleaved on one session, a commit or
      // rollback would end the others' work too and the surviving rows would not be exactly the even slots.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, slot) =>
          store.transaction(async (tx) => {
            await tx.query(`INSERT INTO ${table} (slot) VALUES ($1)`, [slot]);
            await new Promise((resolve) => setTimeout(resolve, 2));
            const mine = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE slot = $1`, [
              slot,
            ]);
            if (slot % 2 === 1) throw new Error(`roll back ${slot}`);
            return mine.rows[0]?.n;
          }),
        ),
      );
      expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : 'rolled back'))).toEqual(
        Array.from({ length: 20 }, (_, slot) => (slot % 2 === 0 ? 1 : 'rolled back')),
      );
      const survivors = await store.query<{ slot: number }>(`SELECT slot FROM ${table} ORDER BY slot`);
      expect(survivors.rows.map((row) => row.slot)).toEqual(Array.from({ length: 10 }, (_, n) => n * 2));
    });

    it('rejects nested use of the store inside a transaction instead of deadlocking', async () => {
      const result = await store.transaction(async () => store.query('SELECT 1')).catch((e: unknown) => e);
      expect(result).toBeInstanceOf(Error);
      expect((result as Error).message).toMatch(/inside a transaction/);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('rejects a transaction executor used after its transaction ended', async () => {
      let leaked: Parameters<Parameters<SqlStore['transaction']>[0]>[0] | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
      });
      await expect(leaked?.query('SELECT 1')).rejects.toThrow(/transaction has ended/);
    });

    it('applies the migrations once and records them with checksums', async () => {
      const files = await readMigrationFiles();
      const first = await migrate(store);
      const again = await migrate(store);
      expect(again.applied).toEqual([]);
      const ledger = await store.query<{ name: string; checksum: string }>(
        'SELECT name, checksum FROM schema_migrations ORDER BY name',
      );
      expect(ledger.rows).toEqual(
        expect.arrayContaining(files.map((file) => ({ name: file.name, checksum: file.checksum }))),
      );
      expect(first.applied.every((name) => files.some((file) => file.name === name))).toBe(true);
      expect(files.map((file) => file.name)).toEqual([
        '0001_schema_migrations.sql',
        '0002_jobs_and_outbox.sql',
        '0003_broker.sql',
        '0004_jobs_message.sql',
      ]);
    });

    it('creates the jobs and outbox tables the next features use', async () => {
      await migrate(store);
      const jobId = `01J${randomBytes(8).toString('hex').toUpperCase()}`.slice(0, 26);
      await store.query('INSERT INTO jobs (job_id, tenant_id, kind, status, payload) VALUES ($1, $2, $3, $4, $5)', [
        jobId,
        'tenant-a',
        'chat-analysis',
        'queued',
        { chatId: 'c1' },
      ]);
      const job = await store.query<{ attempts: number; payload: unknown; created_at: unknown }>(
        'SELECT attempts, payload, created_at FROM jobs WHERE job_id = $1',
        [jobId],
      );
      expect(job.rows[0]).toMatchObject({ attempts: 0, payload: { chatId: 'c1' } });
      expect(job.rows[0]?.created_at).toBeInstanceOf(Date);
      const messageId = randomBytes(8).toString('hex');
      const insertOutbox = () =>
        store.query(
          'INSERT INTO outbox (message_id, destination, routing_key, headers, payload) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [messageId, 'invekto.jobs', 'job.accepted', { 'x-tenant-id': 'tenant-a' }, { jobId }],
        );
      const row = await insertOutbox();
      expect(typeof (row.rows[0] as { id: unknown }).id).toBe('string');
      expect(sqlStateOf(await insertOutbox().catch((e: unknown) => e))).toBe('23505');
      const pending = await store.query(
        'SELECT message_id FROM outbox WHERE dispatched_at IS NULL AND available_at <= now() AND message_id = $1',
        [messageId],
      );
      expect(pending.rowCount).toBe(1);
    });

    it('refuses to migrate when an applied file changed, and applies nothing further', async () => {
      const directory = join(scratch, 'checksum');
      const table = uniqueTable('contract_migrated');
      await writeMigrations(directory, {
        '0001_schema_migrations.sql': (await readMigrationFiles())[0]?.sql ?? '',
        [`8001_${table}.sql`]: `CREATE TABLE ${table} (id int);`,
      });
      expect((await migrate(store, { directory })).applied).toEqual([`8001_${table}.sql`]);
      await writeMigrations(directory, {
        [`8001_${table}.sql`]: `CREATE TABLE ${table} (id int, edited text);`,
        [`8002_${table}.sql`]: `CREATE TABLE ${table}_next (id int);`,
      });
      await expect(migrate(store, { directory })).rejects.toBeInstanceOf(MigrationChecksumError);
      const next = await store.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`${table}_next`]);
      expect(next.rows[0]?.t).toBeNull();
    });

    it('rolls back a failing migration file with its ledger row', async () => {
      const directory = join(scratch, 'failing');
      const table = uniqueTable('contract_half');
      await writeMigrations(directory, {
        [`8101_${table}.sql`]: `CREATE TABLE ${table} (id int); SELECT no_such_function();`,
      });
      await expect(migrate(store, { directory })).rejects.toSatisfy((e: unknown) => sqlStateOf(e) === '42883');
      const created = await store.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
      expect(created.rows[0]?.t).toBeNull();
      const recorded = await store.query('SELECT 1 FROM schema_migrations WHERE name = $1', [`8101_${table}.sql`]);
      expect(recorded.rowCount).toBe(0);
    });

    it('applies each file exactly once when several migrators run at once', async () => {
      const directory = join(scratch, 'concurrent');
      const table = uniqueTable('contract_race');
      await writeMigrations(directory, {
        [`8201_${table}.sql`]: `CREATE TABLE ${table} (id int);`,
        [`8202_${table}.sql`]: `INSERT INTO ${table} VALUES (1);`,
      });
      const results = await Promise.all(Array.from({ length: 4 }, () => migrate(store, { directory })));
      expect(results.flatMap((result) => result.applied).sort()).toEqual([`8201_${table}.sql`, `8202_${table}.sql`]);
      expect((await store.query(`SELECT id FROM ${table}`)).rowCount).toBe(1);
    });
  });
}

async function writeMigrations(directory: string, files: Record<string, string>): Promise<void> {
  await mkdir(directory, { recursive: true });
  for (const [name, sql] of Object.entries(files)) await writeFile(join(directory, name), sql);
}
