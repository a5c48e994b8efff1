import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServer } from '../__fixtures__/real-servers.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL as url, testKeyPrefix } from '../__fixtures__/redis-test-keys.js';
import { KeyNamespace, MemoryKeyValueStore, RedisKeyValueStore } from '../store/key-value/index.js';
import { describeJobStatusStoreBehaviour } from './__fixtures__/job-status-store-behaviour.js';
import { newJobId } from './job-ids.js';
import { JOB_STATUS_STORE_DEFAULTS, JobStatusStore } from './job-status-store.js';

const redis = await realServer('Redis', url);
const keyPrefix = testKeyPrefix();

describeJobStatusStoreBehaviour('MemoryKeyValueStore', async () => ({
  store: new MemoryKeyValueStore({ sweepIntervalMs: 0 }),
}));

describe.runIf(redis.run)('JobStatusStore on a real Redis', () => {
  const stores: RedisKeyValueStore[] = [];

  beforeAll(() => {
    redis.assertReachable();
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await deleteKeysWithPrefix(url, keyPrefix);
  });

  describeJobStatusStoreBehaviour('RedisKeyValueStore', async () => {
    const store = new RedisKeyValueStore({ url, keyPrefix });
    stores.push(store);
    return { store };
  });
});

describe('JobStatusStore', () => {
  const store = new MemoryKeyValueStore({ sweepIntervalMs: 0 });

  afterAll(async () => {
    await store.close();
  });

  it('builds its keys with the KeyNamespace it is given', () => {
    const statuses = new JobStatusStore({ store, keys: new KeyNamespace('staging:invekto:') });
    expect(statuses.keyFor('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe('staging:invekto:job:01ARZ3NDEKTSV4RRFFQ69G5FAV');
  });

  it('renews the expiry with every accepted write and lets a record lapse after it', async () => {
    let now = 1_700_000_000_000;
    const clocked = new MemoryKeyValueStore({ now: () => now, sweepIntervalMs: 0 });
    const statuses = new JobStatusStore({ store: clocked, ttlMs: 10_000, now: () => now });
    const jobId = newJobId();
    await statuses.put({ jobId, tenantId: 't', status: 'processing' });
    now += 8_000;
    await statuses.update('t', jobId, { status: 'retrying' });
    now += 8_000;
    expect((await statuses.get('t', jobId))?.status).toBe('retrying');
    now += 2_001;
    expect(await statuses.get('t', jobId)).toBeUndefined();
    await clocked.close();
  });

  it('refuses a missing store and a bad TTL, naming the option', () => {
    expect(() => new JobStatusStore({} as never)).toThrow(/store/);
    expect(() => new JobStatusStore({ store, ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => new JobStatusStore({ store, ttlMs: 1.5 })).toThrow(/ttlMs/);
  });

  it('pins the seed TTL of job state: 7 days', () => {
    expect(JOB_STATUS_STORE_DEFAULTS).toEqual({ ttlMs: 604_800_000 });
    expect(Object.isFrozen(JOB_STATUS_STORE_DEFAULTS)).toBe(true);
  });
});
