import { RetryLadder } from '@invekto/contracts';
import { afterAll, beforeAll } from 'vitest';
import { migrate, PGLITE_MEMORY, PgliteSqlStore } from '../../store/sql/index.js';
import { SqlBroker } from '../sql-broker/index.js';
import { buildTopology } from '../topology/topology.js';
import { describeJobConsumerBehaviour } from './__fixtures__/job-consumer-behaviour.js';

/** Rungs of 20-60 ms: a whole ladder walk takes a fraction of a second. */
const topology = buildTopology({
  retryLadder: RetryLadder.map((rung, index) => ({ queue: rung.queue, delayMs: 20 + index * 10 })),
});

let store: PgliteSqlStore;
beforeAll(async () => {
  store = await PgliteSqlStore.open({ dataDir: PGLITE_MEMORY });
  await migrate(store);
});
afterAll(() => store.close());

describeJobConsumerBehaviour('the SQL broker on PGlite', async () => {
  const broker = new SqlBroker({ store });
  await broker.declare(topology);
  for (const queue of topology.queues) await broker.purge(queue.name);
  return { broker, topology, close: () => broker.close() };
});
