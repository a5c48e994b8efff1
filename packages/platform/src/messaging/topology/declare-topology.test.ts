import { describe, expect, it } from 'vitest';
import {
  declareTopology,
  isTopologyConflictError,
  TopologyConflictError,
  type TopologyChannel,
} from './declare-topology.js';
import { buildTopology } from './topology.js';

type Call = [string, ...unknown[]];

function recordingChannel(failOn?: { queue: string; error: unknown }): { channel: TopologyChannel; calls: Call[] } {
  const calls: Call[] = [];
  const channel = {
    assertExchange: async (...args: unknown[]) => {
      calls.push(['assertExchange', ...args]);
      return { exchange: String(args[0]) };
    },
    assertQueue: async (...args: unknown[]) => {
      calls.push(['assertQueue', ...args]);
      if (failOn && args[0] === failOn.queue) throw failOn.error;
      return { queue: String(args[0]), messageCount: 0, consumerCount: 0 };
    },
    bindQueue: async (...args: unknown[]) => {
      calls.push(['bindQueue', ...args]);
      return {};
    },
  } as unknown as TopologyChannel;
  return { channel, calls };
}

function amqpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('declareTopology', () => {
  it('asserts exchanges, then queues with their arguments, then bindings', async () => {
    const topology = buildTopology();
    const { channel, calls } = recordingChannel();
    await declareTopology(channel, topology);
    expect(calls.filter(([name]) => name === 'assertExchange')).toHaveLength(4);
    expect(calls).toContainEqual([
      'assertQueue',
      'invekto.retry.2s',
      {
        durable: true,
        exclusive: false,
        autoDelete: false,
        arguments: { 'x-dead-letter-exchange': 'invekto.direct', 'x-message-ttl': 2_000 },
      },
    ]);
    expect(calls.filter(([name]) => name === 'bindQueue')).toHaveLength(topology.bindings.length);
    expect(calls.findIndex(([name]) => name === 'bindQueue')).toBeGreaterThan(
      calls.findLastIndex(([name]) => name === 'assertQueue'),
    );
  });

  it('turns PRECONDITION_FAILED into a TopologyConflictError naming the queue', async () => {
    const cause = amqpError(
      406,
      "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue 'invekto.retry.10s'",
    );
    const { channel } = recordingChannel({ queue: 'invekto.retry.10s', error: cause });
    const failure = await declareTopology(channel, buildTopology()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TopologyConflictError);
    expect(failure).toMatchObject({ kind: 'queue', entity: 'invekto.retry.10s', cause });
    expect((failure as Error).message).toContain('queue "invekto.retry.10s"');
    expect((failure as Error).message).toContain("inequivalent arg 'x-message-ttl'");
  });

  it('rethrows other broker errors unchanged', async () => {
    const cause = amqpError(403, 'ACCESS_REFUSED - access to queue denied');
    const { channel } = recordingChannel({ queue: 'invekto.dlq', error: cause });
    await expect(declareTopology(channel, buildTopology())).rejects.toBe(cause);
  });
});

describe('isTopologyConflictError', () => {
  it('accepts a TopologyConflictError and refuses look-alikes', () => {
    expect(isTopologyConflictError(new TopologyConflictError('queue', 'q', new Error('x')))).toBe(true);
    expect(isTopologyConflictError(Object.assign(new Error('x'), { name: 'TopologyConflictError' }))).toBe(false);
    expect(isTopologyConflictError(null)).toBe(false);
    expect(isTopologyConflictError('TopologyConflictError')).toBe(false);
  });
});
