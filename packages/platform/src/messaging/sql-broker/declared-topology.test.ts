import { describe, expect, it } from 'vitest';
import { TopologyConflictError } from '../topology/declare-topology.js';
import { buildTopology, TopologyConfigError, type Topology } from '../topology/topology.js';
import { DeclaredTopology } from './declared-topology.js';

const custom = (overrides: Partial<Topology>): Topology => ({
  exchanges: [],
  queues: [],
  bindings: [],
  jobQueues: [],
  retryRungs: [],
  ...overrides,
});

describe('DeclaredTopology', () => {
  it('routes the seed topology: job keys, retry keys on both exchanges, dead-letter keys', () => {
    const declared = new DeclaredTopology();
    declared.declare(buildTopology());
    expect(declared.route('invekto.direct', 'chat-analysis')).toEqual(['invekto.jobs.chat-analysis']);
    expect(declared.route('invekto.retry', '2s.chat-analysis')).toEqual(['invekto.retry.2s']);
    expect(declared.route('invekto.direct', '10m.chat-analysis')).toEqual(['invekto.jobs.chat-analysis']);
    expect(declared.route('invekto.dlx', 'chat-analysis')).toEqual(['invekto.dlq']);
    expect(declared.route('invekto.direct', 'no-such-key')).toEqual([]);
    expect(declared.route('no-such-exchange', 'chat-analysis')).toEqual([]);
    expect(declared.queue('invekto.retry.2s')).toEqual({
      name: 'invekto.retry.2s',
      messageTtlMs: 2_000,
      deadLetterExchange: 'invekto.direct',
      deadLetterRoutingKey: undefined,
      maxLength: undefined,
    });
    expect(declared.queue('invekto.dlq')).toMatchObject({ maxLength: 10_000, deadLetterExchange: undefined });
    expect(declared.hasExpiringQueues()).toBe(true);
  });

  it('routes fanout to every bound queue and the default exchange to the queue named by the key', () => {
    const declared = new DeclaredTopology();
    declared.declare(
      custom({
        exchanges: [{ name: 'f', type: 'fanout', durable: true }],
        queues: [
          { name: 'q2', durable: true, arguments: {} },
          { name: 'q1', durable: true, arguments: {} },
        ],
        bindings: [
          { exchange: 'f', queue: 'q2', routingKey: 'a' },
          { exchange: 'f', queue: 'q1', routingKey: 'b' },
          { exchange: 'f', queue: 'q1', routingKey: 'c' },
        ],
      }),
    );
    expect(declared.route('f', 'anything')).toEqual(['q1', 'q2']);
    expect(declared.hasExchange('')).toBe(true);
    expect(declared.route('', 'q1')).toEqual(['q1']);
    expect(declared.route('', 'q3')).toEqual([]);
    expect(declared.hasExpiringQueues()).toBe(false);
  });

  it('accepts the same topology again, and refuses changed settings as a conflict without applying anything', () => {
    const declared = new DeclaredTopology();
    const topology = buildTopology();
    declared.declare(topology);
    declared.declare(topology);

    const changedQueue = buildTopology({
      jobQueues: [{ queue: 'invekto.jobs.chat-analysis', routingKey: 'other', messageTtlMs: 5 }],
    });
    const error = (() => {
      try {
        declared.declare(changedQueue);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TopologyConflictError);
    expect(error).toMatchObject({ kind: 'queue', entity: 'invekto.jobs.chat-analysis' });
    expect(declared.route('invekto.direct', 'other')).toEqual([]);

    expect(() =>
      declared.declare(custom({ exchanges: [{ name: 'invekto.direct', type: 'fanout', durable: true }] })),
    ).toThrow(TopologyConflictError);
  });

  it('refuses queue arguments it does not implement, naming them', () => {
    const declared = new DeclaredTopology();
    const refuse = (args: Record<string, string | number>) => () =>
      declared.declare(custom({ queues: [{ name: 'q', durable: true, arguments: args }] }));
    expect(refuse({ 'x-max-priority': 3 })).toThrow(TopologyConfigError);
    expect(refuse({ 'x-max-priority': 3 })).toThrow(/x-max-priority/);
    expect(refuse({ 'x-max-length': 3 })).toThrow(/x-overflow/);
    expect(refuse({ 'x-max-length': 3, 'x-overflow': 'drop-head' })).toThrow(/reject-publish/);
    expect(refuse({ 'x-message-ttl': 0 })).toThrow(/x-message-ttl/);
    expect(refuse({ 'x-dead-letter-exchange': 5 })).toThrow(/x-dead-letter-exchange/);
    expect(declared.queue('q')).toBeUndefined();
  });

  it('refuses a binding to a queue or exchange that is not declared', () => {
    const declared = new DeclaredTopology();
    expect(() =>
      declared.declare(
        custom({
          exchanges: [{ name: 'e', type: 'direct', durable: true }],
          bindings: [{ exchange: 'e', queue: 'missing', routingKey: 'k' }],
        }),
      ),
    ).toThrow(/bindings\[0\]\.queue/);
    expect(() =>
      declared.declare(
        custom({
          queues: [{ name: 'q', durable: true, arguments: {} }],
          bindings: [{ exchange: 'missing', queue: 'q', routingKey: 'k' }],
        }),
      ),
    ).toThrow(/bindings\[0\]\.exchange/);
  });
});
