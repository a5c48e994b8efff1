import {
  createTestVhost,
  deleteKeysWithPrefix,
  realServer,
  TEST_AMQP_URL,
  TEST_PG_URL,
  TEST_REDIS_URL,
  testKeyPrefix,
  useTestDatabase,
  type RealServer,
  type TestVhost,
} from '@invekto/platform/testing';
import { afterAll, beforeAll } from 'vitest';

export const servers: readonly RealServer[] = [
  await realServer('PostgreSQL', TEST_PG_URL),
  await realServer('Redis', TEST_REDIS_URL),
  await realServer('RabbitMQ', TEST_AMQP_URL),
];

/** Whether the real-server suites run: every server answers, or CI=true (where a missing one fails). */
export const serversRun = servers.every((server) => server.run);

export interface ServerStack {
  /** A database, a vhost and a key prefix of this suite's own, as `INVEKTO_*` settings. */
  env(): Record<string, string>;
  readonly vhost: () => TestVhost;
  readonly keyPrefix: string;
}

/**
 * Gives the enclosing describe block its own PostgreSQL database, RabbitMQ vhost and Redis key prefix,
 * removed afterwards. Call inside `describe`.
 */
export function useServerStack(label: string): ServerStack {
  const database = useTestDatabase(servers[0] as RealServer, `invekto_${label}`);
  const keyPrefix = testKeyPrefix();
  let vhost: TestVhost | undefined;
  beforeAll(async () => {
    for (const server of servers) server.assertReachable();
    vhost = await createTestVhost(label);
  });
  afterAll(async () => {
    await vhost?.remove();
    await deleteKeysWithPrefix(TEST_REDIS_URL, keyPrefix);
  });
  const current = () => {
    if (vhost === undefined) throw new Error('The server stack is not set up yet: read it inside tests or hooks.');
    return vhost;
  };
  return {
    keyPrefix,
    vhost: current,
    env: () => ({
      INVEKTO_SQL_URL: database.url(),
      INVEKTO_REDIS_URL: TEST_REDIS_URL,
      INVEKTO_AMQP_URL: current().url,
      INVEKTO_KEY_PREFIX: keyPrefix,
    }),
  };
}
