import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../key-value-store.js';

export interface KeyValueStoreUnderTest {
  readonly store: KeyValueStore;
  /** Lets `ms` of store time pass: a fake clock for the memory store, a real wait for Redis. */
  advanceTime(ms: number): Promise<void>;
}

/**
 * Short TTLs, so the Redis run can wait them out for real. Keys are checked well inside and well past
 * their TTL, because Redis expires with millisecond precision on a clock the test does not own.
 */
const TTL = 100;
const WELL_INSIDE = 30;
const WELL_PAST = TTL + 60;
const LONG_TTL = 60_000;

const UNICODE = 'Merhaba dünya — ğüşıöçĞÜŞİÖÇ, 日本語, emoji 🚀 👩‍👩‍👧 and a lone \u0000 NUL';

/**
 * The one behaviour suite every `KeyValueStore` adapter must pass, so the embedded store never lies
 * about what production on Redis will do. Each test gets a fresh store and closes it afterwards.
 */
export function describeKeyValueStoreContract(name: string, createStore: () => Promise<KeyValueStoreUnderTest>): void {
  describe(`KeyValueStore contract: ${name}`, () => {
    let store: KeyValueStore;
    let advanceTime: (ms: number) => Promise<void>;
    let sequence = 0;
    /** A key no other test in this run uses. */
    const key = (label: string) => `contract:${label}:${++sequence}`;

    beforeEach(async () => {
      ({ store, advanceTime } = await createStore());
    });

    afterEach(async () => {
      await store.close();
    });

    describe('get and set', () => {
      it('reads an absent key as undefined', async () => {
        expect(await store.get(key('absent'))).toBeUndefined();
      });

      it('reads back what was written, and the last write wins', async () => {
        const k = key('set');
        await store.set(k, 'first');
        expect(await store.get(k)).toBe('first');
        await store.set(k, 'second');
        expect(await store.get(k)).toBe('second');
      });

      it('keeps an empty string apart from an absent key', async () => {
        const k = key('empty');
        await store.set(k, '');
        expect(await store.get(k)).toBe('');
      });

      it('round-trips unicode keys and values byte for byte', async () => {
        const k = key('ünicode-日本-🚀');
        await store.set(k, UNICODE);
        expect(await store.get(k)).toBe(UNICODE);
        expect(await store.compareAndSet(k, UNICODE, `${UNICODE}!`)).toBe(true);
        expect(await store.get(k)).toBe(`${UNICODE}!`);
      });

      it('round-trips a 1 MB value', async () => {
        const k = key('big');
        const big = 'ab€'.repeat(350_000).slice(0, 1_048_576);
        await store.set(k, big, { ttlMs: LONG_TTL });
        const read = await store.get(k);
        expect(read?.length).toBe(big.length);
        expect(read === big).toBe(true);
      });

      it('rejects an empty key and a value that is not a string', async () => {
        await expect(store.get('')).rejects.toThrow(TypeError);
        await expect(store.set(key('object'), { a: 1 } as unknown as string)).rejects.toThrow(/JSON-encode/);
      });
    });

    describe('expiry', () => {
      it('hides a key once its TTL has passed, and only then', async () => {
        const k = key('ttl');
        await store.set(k, 'v', { ttlMs: TTL });
        await advanceTime(WELL_INSIDE);
        expect(await store.get(k)).toBe('v');
        await advanceTime(WELL_PAST);
        expect(await store.get(k)).toBeUndefined();
        expect(await store.ttlMs(k)).toBeUndefined();
        expect(await store.delete(k)).toBe(false);
      });

      it('reports the remaining TTL, and undefined for absent keys and keys that never expire', async () => {
        const withTtl = key('ttl-left');
        const forever = key('forever');
        await store.set(withTtl, 'v', { ttlMs: LONG_TTL });
        await store.set(forever, 'v');
        const left = await store.ttlMs(withTtl);
        expect(left).toBeGreaterThan(LONG_TTL - 5_000);
        expect(left).toBeLessThanOrEqual(LONG_TTL);
        expect(await store.ttlMs(forever)).toBeUndefined();
        expect(await store.ttlMs(key('none'))).toBeUndefined();
      });

      it('set without ttlMs removes an earlier expiry', async () => {
        const k = key('persist');
        await store.set(k, 'short', { ttlMs: TTL });
        await store.set(k, 'forever');
        expect(await store.ttlMs(k)).toBeUndefined();
        await advanceTime(WELL_PAST);
        expect(await store.get(k)).toBe('forever');
      });

      it('set with a new ttlMs replaces the old one', async () => {
        const k = key('reset');
        await store.set(k, 'v', { ttlMs: TTL });
        await store.set(k, 'v', { ttlMs: LONG_TTL });
        await advanceTime(WELL_PAST);
        expect(await store.get(k)).toBe('v');
      });

      it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects ttlMs %s', async (ttlMs) => {
        await expect(store.set(key('bad-ttl'), 'v', { ttlMs })).rejects.toThrow(RangeError);
        await expect(store.setIfAbsent(key('bad-ttl'), 'v', { ttlMs })).rejects.toThrow(RangeError);
        await expect(store.increment(key('bad-ttl'), { ttlMs })).rejects.toThrow(RangeError);
      });
    });

    describe('setIfAbsent', () => {
      it('writes only when the key is absent and says whether it did', async () => {
        const k = key('nx');
        expect(await store.setIfAbsent(k, 'first', { ttlMs: LONG_TTL })).toBe(true);
        expect(await store.setIfAbsent(k, 'second', { ttlMs: LONG_TTL })).toBe(false);
        expect(await store.get(k)).toBe('first');
      });

      it('treats a key set without expiry as present', async () => {
        const k = key('nx-forever');
        await store.set(k, 'held');
        expect(await store.setIfAbsent(k, 'other', { ttlMs: TTL })).toBe(false);
        expect(await store.ttlMs(k)).toBeUndefined();
      });

      it('sets the TTL it is given', async () => {
        const k = key('nx-ttl');
        await store.setIfAbsent(k, 'v', { ttlMs: TTL });
        await advanceTime(WELL_INSIDE);
        expect(await store.get(k)).toBe('v');
        await advanceTime(WELL_PAST);
        expect(await store.get(k)).toBeUndefined();
      });

      it('succeeds again once the holder has expired', async () => {
        const k = key('nx-again');
        expect(await store.setIfAbsent(k, 'first', { ttlMs: TTL })).toBe(true);
        await advanceTime(WELL_PAST);
        expect(await store.setIfAbsent(k, 'second', { ttlMs: LONG_TTL })).toBe(true);
        expect(await store.get(k)).toBe('second');
      });

      it('requires a ttlMs', async () => {
        await expect(store.setIfAbsent(key('nx-no-ttl'), 'v', {} as { ttlMs: number })).rejects.toThrow(RangeError);
      });

      it('lets exactly one of 50 concurrent callers win, and keeps the winner’s value', async () => {
        const k = key('nx-race');
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, index) => store.setIfAbsent(k, `caller-${index}`, { ttlMs: LONG_TTL })),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.get(k)).toBe(`caller-${results.indexOf(true)}`);
      });
    });

    describe('compareAndSet', () => {
      it('replaces the value only when it matches', async () => {
        const k = key('cas');
        await store.set(k, 'processing');
        expect(await store.compareAndSet(k, 'other', 'completed')).toBe(false);
        expect(await store.get(k)).toBe('processing');
        expect(await store.compareAndSet(k, 'processing', 'completed')).toBe(true);
        expect(await store.get(k)).toBe('completed');
        expect(await store.compareAndSet(k, 'processing', 'again')).toBe(false);
      });

      it('does not create an absent key, even when expecting an empty string', async () => {
        const k = key('cas-absent');
        expect(await store.compareAndSet(k, '', 'created')).toBe(false);
        expect(await store.get(k)).toBeUndefined();
      });

      it('fails on an expired key', async () => {
        const k = key('cas-expired');
        await store.set(k, 'processing', { ttlMs: TTL });
        await advanceTime(WELL_PAST);
        expect(await store.compareAndSet(k, 'processing', 'completed')).toBe(false);
        expect(await store.get(k)).toBeUndefined();
      });

      it('keeps the existing expiry when no ttlMs is given', async () => {
        const k = key('cas-keep-ttl');
        await store.set(k, 'processing', { ttlMs: TTL });
        expect(await store.compareAndSet(k, 'processing', 'completed')).toBe(true);
        expect(await store.ttlMs(k)).toBeLessThanOrEqual(TTL);
        await advanceTime(WELL_PAST);
        expect(await store.get(k)).toBeUndefined();
      });

      it('keeps a key without expiry without expiry when no ttlMs is given', async () => {
        const k = key('cas-keep-forever');
        await store.set(k, 'processing');
        await store.compareAndSet(k, 'processing', 'completed');
        expect(await store.ttlMs(k)).toBeUndefined();
      });

      it('sets the new expiry when ttlMs is given', async () => {
        const k = key('cas-new-ttl');
        await store.set(k, 'processing', { ttlMs: TTL });
        expect(await store.compareAndSet(k, 'processing', 'completed', { ttlMs: LONG_TTL })).toBe(true);
        expect(await store.ttlMs(k)).toBeGreaterThan(TTL);
        await advanceTime(WELL_PAST);
        expect(await store.get(k)).toBe('completed');
      });

      it('lets exactly one of 50 concurrent transitions from the same value win', async () => {
        const k = key('cas-race');
        await store.set(k, 'processing', { ttlMs: LONG_TTL });
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, index) => store.compareAndSet(k, 'processing', `completed-${index}`)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.get(k)).toBe(`completed-${results.indexOf(true)}`);
      });
    });

    describe('delete', () => {
      it('removes a live key and says so; an absent key reports false', async () => {
        const k = key('delete');
        await store.set(k, 'v');
        expect(await store.delete(k)).toBe(true);
        expect(await store.get(k)).toBeUndefined();
        expect(await store.delete(k)).toBe(false);
      });

      it('frees the key for setIfAbsent, as releasing a lock does', async () => {
        const k = key('unlock');
        await store.setIfAbsent(k, 'owner-a', { ttlMs: LONG_TTL });
        await store.delete(k);
        expect(await store.setIfAbsent(k, 'owner-b', { ttlMs: LONG_TTL })).toBe(true);
      });
    });

    describe('increment', () => {
      it('counts up from an absent key by 1, or by the given amount, negative included', async () => {
        const k = key('incr');
        expect(await store.increment(k)).toBe(1);
        expect(await store.increment(k)).toBe(2);
        expect(await store.increment(k, { by: 10 })).toBe(12);
        expect(await store.increment(k, { by: -15 })).toBe(-3);
        expect(await store.get(k)).toBe('-3');
        expect(await store.increment(key('incr-by'), { by: 7 })).toBe(7);
      });

      it('continues from an integer written with set', async () => {
        const k = key('incr-set');
        await store.set(k, '41');
        expect(await store.increment(k)).toBe(42);
      });

      it('sets the TTL only when it creates the key: a fixed window', async () => {
        const k = key('incr-window');
        expect(await store.increment(k, { ttlMs: TTL })).toBe(1);
        await advanceTime(WELL_INSIDE);
        expect(await store.increment(k, { ttlMs: LONG_TTL })).toBe(2);
        expect(await store.ttlMs(k)).toBeLessThanOrEqual(TTL);
        await advanceTime(WELL_PAST);
        expect(await store.get(k)).toBeUndefined();
        expect(await store.increment(k, { ttlMs: TTL })).toBe(1);
      });

      it('does not add an expiry to an existing counter without one', async () => {
        const k = key('incr-forever');
        await store.increment(k);
        await store.increment(k, { ttlMs: TTL });
        expect(await store.ttlMs(k)).toBeUndefined();
      });

      it('rejects a value that is not an integer with INV-NET-005 and leaves it alone', async () => {
        const k = key('incr-text');
        await store.set(k, 'processing');
        await expect(store.increment(k)).rejects.toMatchObject({ code: 'INV-NET-005' });
        await store.set(k, '1.5');
        await expect(store.increment(k)).rejects.toMatchObject({ code: 'INV-NET-005' });
        expect(await store.get(k)).toBe('1.5');
      });

      it.each([1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2])('rejects by %s', async (by) => {
        await expect(store.increment(key('incr-bad'), { by })).rejects.toThrow(RangeError);
      });

      it('loses no update under 50 concurrent increments', async () => {
        const k = key('incr-race');
        const values = await Promise.all(Array.from({ length: 50 }, () => store.increment(k, { ttlMs: LONG_TTL })));
        expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
        expect(await store.get(k)).toBe('50');
      });
    });

    describe('lifecycle', () => {
      it('answers ping while open', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('rejects every call with INV-SYS-004 once closed, and closes twice without error', async () => {
        await store.close();
        await store.close();
        const closed = { code: 'INV-SYS-004' };
        await expect(store.ping()).rejects.toMatchObject(closed);
        await expect(store.get(key('closed'))).rejects.toMatchObject(closed);
        await expect(store.set(key('closed'), 'v')).rejects.toMatchObject(closed);
        await expect(store.setIfAbsent(key('closed'), 'v', { ttlMs: TTL })).rejects.toMatchObject(closed);
        await expect(store.compareAndSet(key('closed'), 'a', 'b')).rejects.toMatchObject(closed);
        await expect(store.delete(key('closed'))).rejects.toMatchObject(closed);
        await expect(store.increment(key('closed'))).rejects.toMatchObject(closed);
        await expect(store.ttlMs(key('closed'))).rejects.toMatchObject(closed);
      });
    });
  });
}
