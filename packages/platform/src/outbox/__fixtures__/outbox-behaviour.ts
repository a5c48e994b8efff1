import { MessageHeaderNames } from '@invekto/contracts';
import { ulid } from 'ulid';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sqlStateOf, type SqlExecutor, type SqlStore } from '../../store/sql/sql-store.js';
import type { OutboxMessage } from '../outbox-message.js';
import { OutboxRepository } from '../outbox-repository.js';
import { writeOutbox } from '../outbox-writer.js';

const HOUR = 3_600_000;

export function outboxMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    messageId: ulid(),
    destination: 'invekto.direct',
    routingKey: 'job.created',
    headers: { [MessageHeaderNames.TenantId]: 'tenant-1' },
    payload: { jobId: 'job-1', text: 'çay ☕' },
    ...overrides,
  };
}

/** A clock that runs with real time, moved forward by `advance` instead of by waiting. */
export function testClock(): { now: () => number; advance(ms: number): void } {
  // Starts a second ahead so rows just stamped by the database's now() are due.
  let offset = 1_000;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
}

async function insertJob(tx: SqlExecutor, jobId: string): Promise<void> {
  await tx.query(`INSERT INTO jobs (job_id, tenant_id, kind, status, payload) VALUES ($1, $2, $3, $4, $5)`, [
    jobId,
    'tenant-1',
    'reply',
    'accepted',
    { prompt: 'hi' },
  ]);
}

async function writeAll(store: SqlStore, count: number): Promise<OutboxMessage[]> {
  const messages = Array.from({ length: count }, (_, n) => outboxMessage({ payload: { n } }));
  await store.transaction(async (tx) => {
    for (const message of messages) await writeOutbox(tx, message);
  });
  return messages;
}

/**
 * What the outbox does on any {@link SqlStore}. `createStore` hands out a migrated store the suite may
 * share with others; the suite empties `outbox` and `jobs` before each test, so it must not run
 * concurrently with other users of those tables.
 */
export function describeOutboxBehaviour(name: string, createStore: () => Promise<SqlStore>): void {
  describe(`outbox: ${name}`, () => {
    let store: SqlStore;

    beforeAll(async () => {
      store = await createStore();
    });

    beforeEach(async () => {
      await store.query('DELETE FROM outbox; DELETE FROM jobs');
    });

    async function counts(jobId: string, messageId: string): Promise<{ jobs: number; outbox: number }> {
      const { rows } = await store.query<{ jobs: number; outbox: number }>(
        `SELECT (SELECT count(*)::int FROM jobs WHERE job_id = $1) AS jobs,
                (SELECT count(*)::int FROM outbox WHERE message_id = $2) AS outbox`,
        [jobId, messageId],
      );
      return rows[0] ?? { jobs: -1, outbox: -1 };
    }

    it('commits the outbox row with the business row', async () => {
      const message = outboxMessage({ payload: ['job-1', 2, null] });
      const id = await store.transaction(async (tx) => {
        await insertJob(tx, 'job-1');
        return writeOutbox(tx, message);
      });
      expect(id).toMatch(/^[1-9][0-9]*$/);
      expect(await counts('job-1', message.messageId)).toEqual({ jobs: 1, outbox: 1 });
      const { rows } = await store.query('SELECT * FROM outbox WHERE id = $1', [id]);
      expect(rows[0]).toMatchObject({
        message_id: message.messageId,
        destination: 'invekto.direct',
        routing_key: 'job.created',
        headers: { [MessageHeaderNames.TenantId]: 'tenant-1', [MessageHeaderNames.MessageId]: message.messageId },
        payload: ['job-1', 2, null],
        dispatched_at: null,
        attempts: 0,
        last_error: null,
      });
    });

    it('rolls the outbox row back with the business row', async () => {
      const message = outboxMessage();
      const failure = new Error('business rule failed after writing');
      const outcome = store.transaction(async (tx) => {
        await insertJob(tx, 'job-2');
        await writeOutbox(tx, message);
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      expect(await counts('job-2', message.messageId)).toEqual({ jobs: 0, outbox: 0 });
    });

    it('surfaces a duplicate messageId as the unique violation 23505 and rolls back the business row', async () => {
      const message = outboxMessage();
      await store.transaction((tx) => writeOutbox(tx, message));
      const error = await store
        .transaction(async (tx) => {
          await insertJob(tx, 'job-3');
          await writeOutbox(tx, { ...message, routingKey: 'job.retried' });
        })
        .catch((e: unknown) => e);
      expect(sqlStateOf(error)).toBe('23505');
      expect(await counts('job-3', message.messageId)).toEqual({ jobs: 0, outbox: 1 });
    });

    it('rejects an invalid message before any SQL runs', async () => {
      const executor: SqlExecutor = { query: () => Promise.reject(new Error('no SQL expected')) };
      await expect(writeOutbox(executor, outboxMessage({ routingKey: '' }))).rejects.toThrow(RangeError);
      await expect(writeOutbox(executor, outboxMessage({ messageId: 'not-a-ulid' }))).rejects.toThrow(/messageId/);
    });

    it('claims due rows only, in id order, and not again while they are leased', async () => {
      const repository = new OutboxRepository(store);
      const messages = await writeAll(store, 5);
      const later = messages[2]?.messageId;
      await store.query(`UPDATE outbox SET available_at = now() + interval '1 hour' WHERE message_id = $1`, [later]);

      const claimed = await repository.claimBatch({ limit: 10, leaseMs: 60_000 });
      expect(claimed.map((row) => row.messageId)).toEqual(
        messages.map((message) => message.messageId).filter((id) => id !== later),
      );
      const ids = claimed.map((row) => BigInt(row.id));
      expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
      expect(claimed[0]).toMatchObject({
        destination: 'invekto.direct',
        routingKey: 'job.created',
        payload: { n: 0 },
        attempts: 1,
        lastError: null,
      });
      expect(claimed[0]?.headers[MessageHeaderNames.MessageId]).toBe(messages[0]?.messageId);
      expect(claimed[0]?.leaseExpiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000);

      expect(await repository.claimBatch({ limit: 10, leaseMs: 60_000 })).toEqual([]);
    });

    it('claims at most limit rows, the lowest ids first', async () => {
      const repository = new OutboxRepository(store);
      const messages = await writeAll(store, 5);
      const first = await repository.claimBatch({ limit: 2, leaseMs: 60_000 });
      const second = await repository.claimBatch({ limit: 2, leaseMs: 60_000 });
      expect([...first, ...second].map((row) => row.messageId)).toEqual(
        messages.slice(0, 4).map((message) => message.messageId),
      );
    });

    it('hands rows out again once their lease lapses', async () => {
      const clock = testClock();
      const repository = new OutboxRepository(store, { now: clock.now });
      const [message] = await writeAll(store, 1);
      expect(await repository.claimBatch({ limit: 10, leaseMs: 30_000 })).toHaveLength(1);
      clock.advance(29_000);
      expect(await repository.claimBatch({ limit: 10, leaseMs: 30_000 })).toEqual([]);
      clock.advance(2_000);
      const reclaimed = await repository.claimBatch({ limit: 10, leaseMs: 30_000 });
      expect(reclaimed.map((row) => [row.messageId, row.attempts])).toEqual([[message?.messageId, 2]]);
    });

    it('drops dispatched rows from pending() and never claims them again', async () => {
      const clock = testClock();
      const repository = new OutboxRepository(store, { now: clock.now });
      await writeAll(store, 3);
      clock.advance(5_000);
      const backlog = await repository.pending();
      expect(backlog.count).toBe(3);
      expect(backlog.oldestAgeMs).toBeGreaterThanOrEqual(5_000);
      expect(backlog.oldestAgeMs).toBeLessThan(5_000 + 30_000);

      const claimed = await repository.claimBatch({ limit: 2, leaseMs: 1_000 });
      expect(await repository.markDispatched(claimed.map((row) => row.id))).toBe(2);
      expect(await repository.markDispatched(claimed.map((row) => row.id))).toBe(0);
      expect(await repository.markDispatched([])).toBe(0);
      expect((await repository.pending()).count).toBe(1);

      clock.advance(HOUR);
      const rest = await repository.claimBatch({ limit: 10, leaseMs: 1_000 });
      expect(rest).toHaveLength(1);
      await repository.markDispatched(rest.map((row) => row.id));
      expect(await repository.pending()).toEqual({ count: 0, oldestAgeMs: 0 });
    });

    it('delays a failed row by retryAfterMs and records its error, cut to 500 characters', async () => {
      const clock = testClock();
      const repository = new OutboxRepository(store, { now: clock.now });
      await writeAll(store, 1);
      const [row] = await repository.claimBatch({ limit: 1, leaseMs: 60_000 });
      if (row === undefined) throw new Error('expected a claimed row');

      expect(await repository.markFailed(row.id, new Error(`broker said no ${'x'.repeat(600)}`), 10_000)).toBe(true);
      // markFailed replaces the lease: due after 10 s, not after 60 s.
      clock.advance(9_000);
      expect(await repository.claimBatch({ limit: 1, leaseMs: 60_000 })).toEqual([]);
      clock.advance(2_000);
      const [retried] = await repository.claimBatch({ limit: 1, leaseMs: 60_000 });
      expect(retried?.attempts).toBe(2);
      expect(retried?.lastError).toHaveLength(500);
      expect(retried?.lastError?.startsWith('broker said no xxx')).toBe(true);

      await repository.markFailed(row.id, 'channel closed\u0000', 0);
      expect((await repository.claimBatch({ limit: 1, leaseMs: 60_000 }))[0]?.lastError).toBe('channel closed');
      await repository.markDispatched([row.id]);
      expect(await repository.markFailed(row.id, 'too late', 0)).toBe(false);
    });

    it('purges only rows dispatched longer ago than olderThanMs, at most limit per call', async () => {
      const clock = testClock();
      const repository = new OutboxRepository(store, { now: clock.now });
      await writeAll(store, 5);
      const old = await repository.claimBatch({ limit: 3, leaseMs: 1_000 });
      await repository.markDispatched(old.map((row) => row.id));
      clock.advance(2 * HOUR);
      const recent = await repository.claimBatch({ limit: 1, leaseMs: 1_000 });
      await repository.markDispatched(recent.map((row) => row.id));
      // One row stays pending even though it is as old as the purged ones.

      expect(await repository.purgeDispatched({ olderThanMs: HOUR, limit: 2 })).toBe(2);
      expect(await repository.purgeDispatched({ olderThanMs: HOUR, limit: 2 })).toBe(1);
      expect(await repository.purgeDispatched({ olderThanMs: HOUR, limit: 2 })).toBe(0);

      const { rows } = await store.query<{ id: string; dispatched: boolean }>(
        'SELECT id, dispatched_at IS NOT NULL AS dispatched FROM outbox ORDER BY id',
      );
      expect(rows.map((row) => row.dispatched)).toEqual([true, false]);
      expect(rows[0]?.id).toBe(recent[0]?.id);
      expect((await repository.pending()).count).toBe(1);
    });

    it('rejects bad arguments with a RangeError naming them', async () => {
      const repository = new OutboxRepository(store);
      await expect(repository.claimBatch({ limit: 0, leaseMs: 1_000 })).rejects.toThrow(/limit/);
      await expect(repository.claimBatch({ limit: 1, leaseMs: 1.5 })).rejects.toThrow(/leaseMs/);
      await expect(repository.markDispatched(['1', 'x'])).rejects.toThrow(RangeError);
      await expect(repository.markFailed('0', 'e', 1)).rejects.toThrow(/id/);
      await expect(repository.markFailed('1', 'e', -1)).rejects.toThrow(/retryAfterMs/);
      await expect(repository.purgeDispatched({ olderThanMs: -1, limit: 1 })).rejects.toThrow(/olderThanMs/);
      await expect(repository.purgeDispatched({ olderThanMs: 0, limit: 0 })).rejects.toThrow(/limit/);
      expect(() => new OutboxRepository(store, { now: 5 as unknown as () => number })).toThrow(/now/);
    });
  });
}
