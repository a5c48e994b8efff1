import { describe } from 'vitest';
import { describeAsyncFlow } from './async-flow-behaviour.js';
import { serversRun, useServerStack } from './server-stack.js';

describe.runIf(serversRun)('on real servers', () => {
  const stack = useServerStack('flow');
  describeAsyncFlow('PostgreSQL, Redis and RabbitMQ', () => stack.env());
});
