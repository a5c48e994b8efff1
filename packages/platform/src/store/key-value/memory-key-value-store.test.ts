import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeKeyValueStoreContract } from './__fixtures__/key-value-store-contract.js';
import { MemoryKeyValueStore } from './memory-key-value-store.js';

function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describeKeyValueStoreContract('memory', async () => {
  const clock = fakeClock();
  return {
    store: new MemoryKeyValueStore({ now: clock.now }),
    advanceTime: async (ms) => clock.advance(ms),
  };
});

describe('MemoryKeyValueStore', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires a key exactly when its TTL has passed', async () => {
    const clock = fakeClock();
    const store = new MemoryKeyValueStore({ now: clock.now });
    await store.set('k', 'v', { ttlMs: 1_000 });
    clock.advance(999);
    expect(await store.get('k')).toBe('v');
    expect(await store.ttlMs('k')).toBe(1);
    clock.advance(1);
    expect(await store.get('k')).toBeUndefined();
    await store.close();
  });

  it('removes an expired key when it is touched', async () => {
    const clock = fakeClock();
    const store = new MemoryKeyValueStore({ now: clock.now });
    await store.set('k', 'v', { ttlMs: 10 });
    clock.advance(10);
    expect(store.size).toBe(1);
    await store.get('k');
    expect(store.size).toBe(0);
    await store.close();
  });

  it('sweeps expired keys on its timer and keeps live ones', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = fakeClock();
    const store = new MemoryKeyValueStore({ now: clock.now, sweepIntervalMs: 1_000 });
    await store.set('short', 'v', { ttlMs: 500 });
    await store.set('long', 'v', { ttlMs: 5_000 });
    await store.set('forever', 'v');
    clock.advance(1_000);
    vi.advanceTimersByTime(1_000);
    expect(store.size).toBe(2);
    expect(await store.get('long')).toBe('v');
    await store.close();
  });

  it('does not keep the process alive with its sweep timer', () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const store = new MemoryKeyValueStore();
    const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    setIntervalSpy.mockRestore();
    void store.close();
  });

  it('makes room from expired keys first when full', async () => {
    const clock = fakeClock();
    const store = new MemoryKeyValueStore({ now: clock.now, maxKeys: 2, sweepIntervalMs: 0 });
    await store.set('expiring', 'v', { ttlMs: 10 });
    await store.set('live', 'v');
    clock.advance(10);
    await store.set('new', 'v');
    expect(await store.get('live')).toBe('v');
    expect(await store.get('new')).toBe('v');
    await store.close();
  });

  it('refuses a new key when full of live keys, and never drops one to make room', async () => {
    const store = new MemoryKeyValueStore({ maxKeys: 2, sweepIntervalMs: 0 });
    await store.set('a', '1');
    await store.setIfAbsent('b', '2', { ttlMs: 60_000 });
    await expect(store.set('c', '3')).rejects.toMatchObject({ code: 'INV-DATA-001', category: 'TRANSIENT' });
    await expect(store.setIfAbsent('c', '3', { ttlMs: 1_000 })).rejects.toMatchObject({ code: 'INV-DATA-001' });
    await expect(store.increment('c')).rejects.toMatchObject({ code: 'INV-DATA-001' });
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual(['1', '2', undefined]);
    // Existing keys stay writable while full.
    await store.set('a', 'updated');
    expect(await store.increment('b', { by: 1 })).toBe(3);
    await store.delete('a');
    await store.set('c', '3');
    expect(await store.get('c')).toBe('3');
    await store.close();
  });

  it.each([
    [{ maxKeys: 0 }, /maxKeys/],
    [{ maxKeys: 1.5 }, /maxKeys/],
    [{ sweepIntervalMs: -1 }, /sweepIntervalMs/],
  ])('rejects options %o', (options, message) => {
    expect(() => new MemoryKeyValueStore(options)).toThrow(message);
  });

  it('refuses an increment that would pass the safe integer range instead of losing precision', async () => {
    const store = new MemoryKeyValueStore({ sweepIntervalMs: 0 });
    await store.set('big', String(Number.MAX_SAFE_INTEGER));
    await expect(store.increment('big')).rejects.toMatchObject({ code: 'INV-NET-005' });
    expect(await store.get('big')).toBe(String(Number.MAX_SAFE_INTEGER));
    await store.close();
  });
});
