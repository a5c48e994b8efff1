import {
  createTestVhost,
  deleteKeysWithPrefix,
  realServer,
  TEST_AMQP_URL,
  TEST_PG_URL,
  TEST_REDIS_URL,
  testKeyPrefix,
  useTestDatabase,
  type TestVhost,
} from '@invekto/platform/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeAsyncFlow } from './async-flow-behaviour.js';

const servers = [
  await realServer('PostgreSQL', TEST_PG_URL),
  await realServer('Redis', TEST_REDIS_URL),
  await realServer('RabbitMQ', TEST_AMQP_URL),
];

describe.runIf(servers.every((server) => server.run))('on real servers', () => {
  const database = useTestDatabase(servers[0]!, 'invekto_flow');
  const keyPrefix = testKeyPrefix();
  let vhost: TestVhost;
  beforeAll(async () => {
    for (const server of servers) server.assertReachable();
    vhost = await createTestVhost('flow');
  });
  afterAll(async () => {
    await vhost?.remove();
    await deleteKeysWithPrefix(TEST_REDIS_URL, keyPrefix);
  });

  describeAsyncFlow('PostgreSQL, Redis and RabbitMQ', () => ({
    INVEKTO_SQL_URL: database.url(),
    INVEKTO_REDIS_URL: TEST_REDIS_URL,
    INVEKTO_AMQP_URL: vhost.url,
    INVEKTO_KEY_PREFIX: keyPrefix,
  }));
});
