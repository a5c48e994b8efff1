import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyNamespaceError, type KeyValueStore } from '../../store/key-value/index.js';
import { IDEMPOTENCY_DEFAULTS, IdempotencyGuard, type IdempotencyScope } from '../idempotency-guard.js';

export interface GuardStoreUnderTest {
  readonly store: KeyValueStore;
  /** Lets `ms` of store time pass: a fake clock for the memory store, a real wait for Redis. */
  advanceTime(ms: number): Promise<void>;
}

/** Short enough for Redis to wait out for real; checked well past it, as Redis expiry is not exact. */
const TTL = 100;
const WELL_PAST = TTL + 60;
const START = 1_700_000_000_000;

const MESSAGE: IdempotencyScope = { kind: 'message' };
const tenant = (tenantId: string): IdempotencyScope => ({ kind: 'request', tenantId });

/**
 * The behaviour every store under `IdempotencyGuard` must give it. Record times come from a fake clock
 * owned here, so `since` and `completedAt` are exact on any store; each test gets a fresh store.
 */
export function describeIdempotencyGuardBehaviour(name: string, createStore: () => Promise<GuardStoreUnderTest>): void {
  describe(`IdempotencyGuard on ${name}`, () => {
    let store: KeyValueStore;
    let advanceTime: (ms: number) => Promise<void>;
    let guard: IdempotencyGuard;
    let recordsNow = START;
    let sequence = 0;
    /** A ULID-shaped id no other test in this run uses. */
    const id = (label: string) => `01ARZ3NDEKTSV4RRFFQ69G5FAV-${label}-${++sequence}`;
    const wait = async (ms: number) => {
      recordsNow += ms;
      await advanceTime(ms);
    };

    beforeEach(async () => {
      ({ store, advanceTime } = await createStore());
      recordsNow = START;
      guard = new IdempotencyGuard({ store, now: () => recordsNow });
    });

    afterEach(async () => {
      await store.close();
    });

    it('acquires on the first begin with a fresh owner token each time', async () => {
      const first = await guard.begin(MESSAGE, id('first'));
      const other = await guard.begin(MESSAGE, id('other'));
      expect(first).toMatchObject({ state: 'acquired' });
      expect(first.state === 'acquired' && other.state === 'acquired' && first.owner !== other.owner).toBe(true);
    });

    it('reports in-progress, with the claim time, to a second begin', async () => {
      const messageId = id('busy');
      await guard.begin(MESSAGE, messageId);
      recordsNow += 1_234;
      expect(await guard.begin(MESSAGE, messageId)).toEqual({ state: 'in-progress', since: START });
    });

    it('returns the stored result to every begin after complete', async () => {
      const messageId = id('done');
      const claim = await guard.begin(MESSAGE, messageId);
      if (claim.state !== 'acquired') throw new Error('expected acquired');
      const result = { status: 'ok', score: 0.93, tags: ['ödeme', '🚀'], note: null };
      recordsNow += 500;
      expect(await guard.complete(MESSAGE, messageId, claim.owner, result)).toBe(true);
      for (let reads = 0; reads < 2; reads += 1) {
        expect(await guard.begin(MESSAGE, messageId)).toEqual({ state: 'completed', result, completedAt: START + 500 });
      }
    });

    it('keeps null and primitive results apart from no result', async () => {
      for (const result of [null, 0, '', false]) {
        const messageId = id('primitive');
        const claim = await guard.begin(MESSAGE, messageId);
        if (claim.state !== 'acquired') throw new Error('expected acquired');
        await guard.complete(MESSAGE, messageId, claim.owner, result);
        expect(await guard.begin(MESSAGE, messageId)).toMatchObject({ state: 'completed', result });
      }
    });

    it('extends a claim so it outlives its first TTL, but only for its owner', async () => {
      const messageId = id('extended');
      const claim = await guard.begin(MESSAGE, messageId, { processingTtlMs: TTL });
      if (claim.state !== 'acquired') throw new Error('expected acquired');
      expect(await guard.extend(MESSAGE, messageId, 'someone-else', { processingTtlMs: TTL * 3 })).toBe(false);
      expect(await guard.extend(MESSAGE, messageId, claim.owner, { processingTtlMs: TTL * 3 })).toBe(true);
      await wait(WELL_PAST);
      expect(await guard.begin(MESSAGE, messageId)).toEqual({ state: 'in-progress', since: START });
      expect(await guard.complete(MESSAGE, messageId, claim.owner, 'kept')).toBe(true);
      expect(await guard.extend(MESSAGE, messageId, claim.owner)).toBe(false);
    });

    it('refuses complete and release from an owner that does not hold the claim', async () => {
      const messageId = id('wrong-owner');
      const claim = await guard.begin(MESSAGE, messageId);
      if (claim.state !== 'acquired') throw new Error('expected acquired');
      expect(await guard.complete(MESSAGE, messageId, 'someone-else', { ok: true })).toBe(false);
      expect(await guard.release(MESSAGE, messageId, 'someone-else')).toBe(false);
      expect(await guard.begin(MESSAGE, messageId)).toMatchObject({ state: 'in-progress' });
      expect(await guard.complete(MESSAGE, messageId, claim.owner, { ok: true })).toBe(true);
    });

    it('refuses complete and release of an id never claimed, or already completed', async () => {
      const messageId = id('unclaimed');
      expect(await guard.complete(MESSAGE, messageId, 'owner', 1)).toBe(false);
      expect(await guard.release(MESSAGE, messageId, 'owner')).toBe(false);
      expect(await store.get(guard.keyFor(MESSAGE, messageId))).toBeUndefined();

      const claim = await guard.begin(MESSAGE, messageId);
      if (claim.state !== 'acquired') throw new Error('expected acquired');
      expect(await guard.complete(MESSAGE, messageId, claim.owner, 'first')).toBe(true);
      expect(await guard.complete(MESSAGE, messageId, claim.owner, 'second')).toBe(false);
      expect(await guard.release(MESSAGE, messageId, claim.owner)).toBe(false);
      expect(await guard.begin(MESSAGE, messageId)).toMatchObject({ state: 'completed', result: 'first' });
    });

    it('lets another caller claim after release, and the old owner can no longer complete', async () => {
      const messageId = id('released');
      const failed = await guard.begin(MESSAGE, messageId);
      if (failed.state !== 'acquired') throw new Error('expected acquired');
      expect(await guard.release(MESSAGE, messageId, failed.owner)).toBe(true);
      expect(await guard.release(MESSAGE, messageId, failed.owner)).toBe(false);

      const retry = await guard.begin(MESSAGE, messageId);
      if (retry.state !== 'acquired') throw new Error('expected acquired');
      expect(retry.owner).not.toBe(failed.owner);
      expect(await guard.complete(MESSAGE, messageId, failed.owner, 'stale')).toBe(false);
      expect(await guard.complete(MESSAGE, messageId, retry.owner, 'fresh')).toBe(true);
      expect(await guard.begin(MESSAGE, messageId)).toMatchObject({ state: 'completed', result: 'fresh' });
    });

    it('lets exactly one of many concurrent callers claim a released id', async () => {
      const messageId = id('released-race');
      const failed = await guard.begin(MESSAGE, messageId);
      if (failed.state !== 'acquired') throw new Error('expected acquired');
      await guard.release(MESSAGE, messageId, failed.owner);
      const results = await Promise.all(Array.from({ length: 20 }, () => guard.begin(MESSAGE, messageId)));
      expect(results.filter((result) => result.state === 'acquired')).toHaveLength(1);
      expect(results.filter((result) => result.state === 'in-progress')).toHaveLength(19);
    });

    it('lets a claim whose owner died be acquired again once its TTL lapses', async () => {
      const messageId = id('expired');
      const dead = await guard.begin(MESSAGE, messageId, { processingTtlMs: TTL });
      if (dead.state !== 'acquired') throw new Error('expected acquired');
      await wait(WELL_PAST);
      const takeover = await guard.begin(MESSAGE, messageId, { processingTtlMs: 60_000 });
      if (takeover.state !== 'acquired') throw new Error(`expected acquired, got ${takeover.state}`);
      expect(await guard.complete(MESSAGE, messageId, dead.owner, 'late')).toBe(false);
      expect(await guard.release(MESSAGE, messageId, dead.owner)).toBe(false);
      expect(await guard.begin(MESSAGE, messageId)).toEqual({ state: 'in-progress', since: START + WELL_PAST });
    });

    it('forgets a completed result once its completed TTL lapses', async () => {
      const messageId = id('forgotten');
      const claim = await guard.begin(MESSAGE, messageId);
      if (claim.state !== 'acquired') throw new Error('expected acquired');
      await guard.complete(MESSAGE, messageId, claim.owner, 'done', { completedTtlMs: TTL });
      await wait(WELL_PAST);
      expect(await guard.begin(MESSAGE, messageId)).toMatchObject({ state: 'acquired' });
    });

    it('gives exactly one of 50 concurrent begins on one id the claim', async () => {
      const messageId = id('race');
      const results = await Promise.all(Array.from({ length: 50 }, () => guard.begin(MESSAGE, messageId)));
      expect(results.filter((result) => result.state === 'acquired')).toHaveLength(1);
      expect(results.filter((result) => result.state === 'in-progress')).toHaveLength(49);
    });

    it('writes the App. F default TTLs: processing, then 7 days for messages and 1 hour for requests', async () => {
      const cases = [
        [MESSAGE, IDEMPOTENCY_DEFAULTS.completedTtlMs.message],
        [tenant('tenant123'), IDEMPOTENCY_DEFAULTS.completedTtlMs.request],
      ] as const;
      for (const [scope, completedTtlMs] of cases) {
        const key = id('defaults');
        const claim = await guard.begin(scope, key);
        if (claim.state !== 'acquired') throw new Error('expected acquired');
        const processing = await store.ttlMs(guard.keyFor(scope, key));
        expect(processing).toBeGreaterThan(IDEMPOTENCY_DEFAULTS.processingTtlMs - 1_000);
        expect(processing).toBeLessThanOrEqual(IDEMPOTENCY_DEFAULTS.processingTtlMs);
        await guard.complete(scope, key, claim.owner, 'ok');
        const completed = await store.ttlMs(guard.keyFor(scope, key));
        expect(completed).toBeGreaterThan(completedTtlMs - 1_000);
        expect(completed).toBeLessThanOrEqual(completedTtlMs);
      }
    });

    it('keys HTTP idempotency keys by tenant, so two tenants never share one', async () => {
      const key = id('shared-key');
      expect(guard.keyFor(tenant('tenant123'), key)).toBe(`invekto:idem:req:tenant123:${key}`);
      expect(guard.keyFor(MESSAGE, key)).toBe(`invekto:idem:job:${key}`);

      const first = await guard.begin(tenant('tenant123'), key);
      const second = await guard.begin(tenant('tenant456'), key);
      const message = await guard.begin(MESSAGE, key);
      expect([first.state, second.state, message.state]).toEqual(['acquired', 'acquired', 'acquired']);
      if (first.state !== 'acquired') throw new Error('expected acquired');
      await guard.complete(tenant('tenant123'), key, first.owner, { jobId: 'job-1' });
      expect(await guard.begin(tenant('tenant123'), key)).toMatchObject({ result: { jobId: 'job-1' } });
      expect(await guard.begin(tenant('tenant456'), key)).toMatchObject({ state: 'in-progress' });
    });

    it('rejects a result over 64 KiB serialized and keeps the claim', async () => {
      const messageId = id('oversized');
      const claim = await guard.begin(MESSAGE, messageId);
      if (claim.state !== 'acquired') throw new Error('expected acquired');
      // 'ğ' is two bytes in UTF-8: the limit is on bytes, not characters.
      const tooBig = 'ğ'.repeat(IDEMPOTENCY_DEFAULTS.maxResultBytes / 2);
      await expect(guard.complete(MESSAGE, messageId, claim.owner, tooBig)).rejects.toThrow(RangeError);
      expect(await guard.begin(MESSAGE, messageId)).toMatchObject({ state: 'in-progress' });
      const fits = 'a'.repeat(IDEMPOTENCY_DEFAULTS.maxResultBytes - 2);
      expect(await guard.complete(MESSAGE, messageId, claim.owner, fits)).toBe(true);
      expect(await guard.begin(MESSAGE, messageId)).toMatchObject({ result: fits });
    });

    it('rejects ids a key cannot hold with KeyNamespaceError, and keys such tenants by their hash', async () => {
      for (const bad of ['', 'a:b', 'has space', 'x'.repeat(201)]) {
        await expect(guard.begin(MESSAGE, bad)).rejects.toThrow(KeyNamespaceError);
        await expect(guard.begin(tenant('tenant123'), bad)).rejects.toThrow(KeyNamespaceError);
        await expect(guard.complete(MESSAGE, bad, 'owner', 1)).rejects.toThrow(KeyNamespaceError);
        expect(guard.keyFor(tenant(bad), 'key')).toMatch(/^invekto:idem:req:#[0-9a-f]{64}:key$/);
        expect(await guard.begin(tenant(bad), 'key')).toMatchObject({ state: 'acquired' });
      }
    });

    it('refuses a key that holds something other than an idempotency record', async () => {
      const messageId = id('foreign');
      await store.set(guard.keyFor(MESSAGE, messageId), 'not json', { ttlMs: 60_000 });
      await expect(guard.begin(MESSAGE, messageId)).rejects.toThrow(/not an idempotency record/);
      await store.set(guard.keyFor(MESSAGE, messageId), '{"state":"processing"}', { ttlMs: 60_000 });
      await expect(guard.release(MESSAGE, messageId, 'owner')).rejects.toThrow(/not an idempotency record/);
    });
  });
}
