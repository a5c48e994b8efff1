import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServer } from '../__fixtures__/real-servers.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL as url, testKeyPrefix } from '../__fixtures__/redis-test-keys.js';
import { KeyNamespace, MemoryKeyValueStore, RedisKeyValueStore } from '../store/key-value/index.js';
import { describeIdempotencyGuardBehaviour } from './__fixtures__/idempotency-guard-behaviour.js';
import { IDEMPOTENCY_DEFAULTS, IdempotencyGuard, type IdempotencyScope } from './idempotency-guard.js';

const redis = await realServer('Redis', url);
const keyPrefix = testKeyPrefix();

describeIdempotencyGuardBehaviour('MemoryKeyValueStore', async () => {
  let now = 1_700_000_000_000;
  return {
    store: new MemoryKeyValueStore({ now: () => now, sweepIntervalMs: 0 }),
    advanceTime: async (ms) => {
      now += ms;
    },
  };
});

describe.runIf(redis.run)('IdempotencyGuard on a real Redis', () => {
  beforeAll(() => {
    redis.assertReachable();
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(url, keyPrefix);
  });

  describeIdempotencyGuardBehaviour('RedisKeyValueStore', async () => ({
    store: new RedisKeyValueStore({ url, keyPrefix }),
    advanceTime: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }));
});

describe('IdempotencyGuard', () => {
  const store = new MemoryKeyValueStore({ sweepIntervalMs: 0 });

  afterAll(async () => {
    await store.close();
  });

  it('builds its keys with the KeyNamespace it is given', () => {
    const guard = new IdempotencyGuard({ store, keys: new KeyNamespace('staging:invekto:') });
    expect(guard.keyFor({ kind: 'message' }, '01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(
      'staging:invekto:idem:job:01ARZ3NDEKTSV4RRFFQ69G5FAV',
    );
    expect(guard.keyFor({ kind: 'request', tenantId: 't1' }, 'k1')).toBe('staging:invekto:idem:req:t1:k1');
  });

  it('rejects an unknown scope, a missing store and a bad owner token', async () => {
    const guard = new IdempotencyGuard({ store });
    const job = { kind: 'job' } as unknown as IdempotencyScope;
    await expect(guard.begin(job, 'id')).rejects.toThrow(/Unknown idempotency scope/);
    expect(() => new IdempotencyGuard({} as never)).toThrow(/needs a store/);
    await expect(guard.complete({ kind: 'message' }, 'id', '', 1)).rejects.toThrow(/owner/);
  });

  it('rejects TTLs that are not positive whole milliseconds, naming the option', async () => {
    const guard = new IdempotencyGuard({ store });
    await expect(guard.begin({ kind: 'message' }, 'id', { processingTtlMs: 0 })).rejects.toThrow(/processingTtlMs/);
    await expect(guard.begin({ kind: 'message' }, 'id', { processingTtlMs: 1.5 })).rejects.toThrow(RangeError);
    await expect(guard.complete({ kind: 'message' }, 'id', 'o', 1, { completedTtlMs: -1 })).rejects.toThrow(
      /completedTtlMs/,
    );
  });

  it('rejects a result that is not JSON before touching the store', async () => {
    const guard = new IdempotencyGuard({ store });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await expect(guard.complete({ kind: 'message' }, 'id', 'o', cyclic as never)).rejects.toThrow(TypeError);
    await expect(guard.complete({ kind: 'message' }, 'id', 'o', undefined as never)).rejects.toThrow(/null/);
  });

  it('pins the seed numbers in frozen defaults', () => {
    expect(IDEMPOTENCY_DEFAULTS).toEqual({
      processingTtlMs: 300_000,
      completedTtlMs: { message: 604_800_000, request: 3_600_000 },
      maxResultBytes: 65_536,
    });
    expect(Object.isFrozen(IDEMPOTENCY_DEFAULTS) && Object.isFrozen(IDEMPOTENCY_DEFAULTS.completedTtlMs)).toBe(true);
  });
});
