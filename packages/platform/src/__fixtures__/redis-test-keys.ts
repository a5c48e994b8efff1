import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env['INVEKTO_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own for one test run, so cleanup can never touch anyone else's keys. */
export function testKeyPrefix(): string {
  return `invekto-test:${randomUUID()}:`;
}

/** Deletes a run's keys: SCAN on its prefix, then DEL; never FLUSHDB on a shared server. */
export async function deleteKeysWithPrefix(url: string, keyPrefix: string): Promise<void> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1_000);
      cursor = next;
      if (keys.length > 0) await admin.del(...keys);
    } while (cursor !== '0');
  } finally {
    admin.disconnect();
  }
}
