// Test fixtures for suites outside this package (tests/, services). Source only: never built or shipped.
export { realServer, tcpReachable, type RealServer } from './real-servers.js';
export { TEST_PG_URL, useTestDatabase, type TestDatabase } from './postgres-test-database.js';
export { TEST_REDIS_URL, deleteKeysWithPrefix, testKeyPrefix } from './redis-test-keys.js';
export { TEST_AMQP_URL, createTestVhost, type TestVhost } from './rabbitmq-test-vhost.js';
export { startTcpProxy, type TcpProxy, type TcpProxyOptions } from './tcp-proxy.js';
export { until } from './until.js';
