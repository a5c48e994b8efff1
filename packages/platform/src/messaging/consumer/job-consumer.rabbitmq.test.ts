import { RetryLadder } from '@invekto/contracts';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestVhost, TEST_AMQP_URL, type TestVhost } from '../../__fixtures__/rabbitmq-test-vhost.js';
import { realServer } from '../../__fixtures__/real-servers.js';
import { RabbitMqBroker } from '../rabbitmq/index.js';
import { buildTopology } from '../topology/topology.js';
import { describeJobConsumerBehaviour } from './__fixtures__/job-consumer-behaviour.js';

const rabbit = await realServer('RabbitMQ', TEST_AMQP_URL);
const topology = buildTopology({
  retryLadder: RetryLadder.map((rung, index) => ({ queue: rung.queue, delayMs: 20 + index * 10 })),
});

let vhost: TestVhost;
describe.runIf(rabbit.run)('JobConsumer on a real RabbitMQ', () => {
  beforeAll(async () => {
    rabbit.assertReachable();
    vhost = await createTestVhost('consumer');
  });
  afterAll(() => vhost?.remove());

  describeJobConsumerBehaviour('RabbitMQ', async () => {
    const broker = await RabbitMqBroker.connect({ url: vhost.url });
    await broker.declare(topology);
    for (const queue of topology.queues) await broker.purge(queue.name);
    return { broker, topology, close: () => broker.close() };
  });
});
