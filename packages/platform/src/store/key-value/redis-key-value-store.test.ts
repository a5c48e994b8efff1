import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServer } from '../../__fixtures__/real-servers.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL as url, testKeyPrefix } from '../../__fixtures__/redis-test-keys.js';
import { describeKeyValueStoreContract } from './__fixtures__/key-value-store-contract.js';
import { RedisKeyValueStore } from './redis-key-value-store.js';

const redis = await realServer('Redis', url);
const keyPrefix = testKeyPrefix();

describe.runIf(redis.run)('RedisKeyValueStore on a real Redis', () => {
  beforeAll(() => {
    redis.assertReachable();
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(url, keyPrefix);
  });

  describeKeyValueStoreContract('redis', async () => ({
    store: new RedisKeyValueStore({ url, keyPrefix }),
    advanceTime: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }));

  it('writes every key under its keyPrefix, script keys included', async () => {
    const store = new RedisKeyValueStore({ url, keyPrefix });
    const raw = new Redis(url);
    try {
      await store.set('prefix:set', 'v');
      await store.compareAndSet('prefix:set', 'v', 'w');
      await store.increment('prefix:counter', { ttlMs: 60_000 });
      expect(await raw.get(`${keyPrefix}prefix:set`)).toBe('w');
      expect(await raw.get(`${keyPrefix}prefix:counter`)).toBe('1');
      expect(await raw.exists('prefix:set', 'prefix:counter')).toBe(0);
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  it('removes its run keys with SCAN and DEL on its own prefix only', async () => {
    const other = `invekto-test:${randomUUID()}:`;
    const raw = new Redis(url);
    try {
      await raw.set(`${other}bystander`, 'v', 'PX', 60_000);
      await raw.set(`${keyPrefix}cleanup`, 'v');
      await deleteKeysWithPrefix(url, keyPrefix);
      expect(await raw.exists(`${keyPrefix}cleanup`)).toBe(0);
      expect(await raw.get(`${other}bystander`)).toBe('v');
    } finally {
      await raw.del(`${other}bystander`);
      raw.disconnect();
    }
  });
});

describe('RedisKeyValueStore without a server', () => {
  it('rejects ping and get fast with INV-NET-002 when nothing listens', async () => {
    const store = new RedisKeyValueStore({ url: 'redis://127.0.0.1:1' });
    try {
      let started = Date.now();
      await expect(store.ping()).rejects.toMatchObject({ code: 'INV-NET-002', category: 'TRANSIENT' });
      expect(Date.now() - started).toBeLessThan(2_000);
      // Once Redis is known to be down, later calls do not wait for the next reconnect attempt.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        started = Date.now();
        await expect(store.get('some:key')).rejects.toMatchObject({ code: 'INV-NET-002' });
        await expect(store.setIfAbsent('some:key', 'v', { ttlMs: 1_000 })).rejects.toMatchObject({
          code: 'INV-NET-002',
        });
        expect(Date.now() - started).toBeLessThan(100);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await store.close();
    }
  });

  it('rejects with INV-NET-001 when the server accepts the connection but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const store = new RedisKeyValueStore({ url: `redis://127.0.0.1:${address.port}`, commandTimeoutMs: 200 });
    try {
      const started = Date.now();
      await expect(store.get('some:key')).rejects.toMatchObject({ code: 'INV-NET-001' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await store.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('does not repeat the URL, which may hold a password, when it is invalid', () => {
    expect(() => new RedisKeyValueStore({ url: 'http://user:secret@host' })).toThrow(/redis:\/\//);
    expect(() => new RedisKeyValueStore({ url: 'http://user:secret@host' })).not.toThrow(/secret/);
  });

  it('rejects a commandTimeoutMs that is not a positive whole number', () => {
    expect(() => new RedisKeyValueStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 0 })).toThrow(
      /commandTimeoutMs/,
    );
  });
});
