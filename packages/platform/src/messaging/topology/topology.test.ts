import { Exchanges, Queues, RetryLadder, RoutingKeys } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { buildTopology, retryRoutingKey, TopologyConfigError } from './topology.js';

const RUNG_KEYS = ['2s', '10s', '30s', '2m', '10m'];

describe('buildTopology with the defaults of seed 000 §1.3', () => {
  const topology = buildTopology();

  it('declares the four durable exchanges with their types', () => {
    expect(topology.exchanges).toEqual([
      { name: 'invekto.direct', type: 'direct', durable: true },
      { name: 'invekto.fanout', type: 'fanout', durable: true },
      { name: 'invekto.dlx', type: 'direct', durable: true },
      { name: 'invekto.retry', type: 'direct', durable: true },
    ]);
  });

  it('gives the chat-analysis job queue exactly the seed arguments', () => {
    expect(topology.queues.find((q) => q.name === 'invekto.jobs.chat-analysis')).toEqual({
      name: 'invekto.jobs.chat-analysis',
      durable: true,
      arguments: {
        'x-dead-letter-exchange': 'invekto.dlx',
        'x-dead-letter-routing-key': 'chat-analysis',
        'x-message-ttl': 3_600_000,
      },
    });
  });

  it('has five retry rungs with the seed TTLs, dead-lettering to invekto.direct without a routing key', () => {
    const rungs = topology.queues.filter((q) => q.name.startsWith('invekto.retry.'));
    expect(rungs).toEqual(
      [
        ['invekto.retry.2s', 2_000],
        ['invekto.retry.10s', 10_000],
        ['invekto.retry.30s', 30_000],
        ['invekto.retry.2m', 120_000],
        ['invekto.retry.10m', 600_000],
      ].map(([name, ttl]) => ({
        name,
        durable: true,
        arguments: { 'x-dead-letter-exchange': 'invekto.direct', 'x-message-ttl': ttl },
      })),
    );
    expect(topology.retryRungs.map((rung) => rung.key)).toEqual(RUNG_KEYS);
  });

  it('caps the DLQ at 10 000 messages and 30 days, rejecting publishes when full (seed 000 §3.6)', () => {
    expect(topology.queues.find((q) => q.name === 'invekto.dlq')).toEqual({
      name: 'invekto.dlq',
      durable: true,
      arguments: { 'x-max-length': 10_000, 'x-overflow': 'reject-publish', 'x-message-ttl': 2_592_000_000 },
    });
  });

  it('binds job queue, rungs and DLQ so a rung routes back to the job queue', () => {
    expect(topology.bindings).toEqual([
      { exchange: 'invekto.direct', queue: 'invekto.jobs.chat-analysis', routingKey: 'chat-analysis' },
      ...RUNG_KEYS.flatMap((key) => [
        { exchange: 'invekto.retry', queue: `invekto.retry.${key}`, routingKey: `${key}.chat-analysis` },
        { exchange: 'invekto.direct', queue: 'invekto.jobs.chat-analysis', routingKey: `${key}.chat-analysis` },
      ]),
      { exchange: 'invekto.dlx', queue: 'invekto.dlq', routingKey: 'chat-analysis' },
    ]);
  });

  it('uses the names of @invekto/contracts', () => {
    expect(topology.exchanges.map((e) => e.name)).toEqual(Object.values(Exchanges));
    expect(topology.queues.map((q) => q.name)).toEqual([
      Queues.ChatAnalysisJobs,
      ...RetryLadder.map((rung) => rung.queue),
      Queues.DeadLetter,
    ]);
    expect(topology.jobQueues[0]?.routingKey).toBe(RoutingKeys.ChatAnalysis);
  });

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(topology)).toBe(true);
    expect(Object.isFrozen(topology.queues[0]?.arguments)).toBe(true);
    expect(Object.isFrozen(topology.bindings[0])).toBe(true);
  });
});

describe('buildTopology options', () => {
  it('takes any number of job queues and binds every rung for each', () => {
    const topology = buildTopology({
      jobQueues: [
        { queue: 'invekto.jobs.chat-analysis', routingKey: 'chat-analysis' },
        {
          queue: 'invekto.jobs.export',
          routingKey: 'export',
          deadLetterRoutingKey: 'export-dead',
          messageTtlMs: 60_000,
        },
      ],
    });
    expect(topology.queues.find((q) => q.name === 'invekto.jobs.export')?.arguments).toEqual({
      'x-dead-letter-exchange': 'invekto.dlx',
      'x-dead-letter-routing-key': 'export-dead',
      'x-message-ttl': 60_000,
    });
    const onRetry = topology.bindings.filter((b) => b.exchange === 'invekto.retry' && b.queue === 'invekto.retry.2s');
    expect(onRetry.map((b) => b.routingKey)).toEqual(['2s.chat-analysis', '2s.export']);
    const toExport = topology.bindings.filter((b) => b.queue === 'invekto.jobs.export').map((b) => b.routingKey);
    expect(toExport).toEqual(['export', ...RUNG_KEYS.map((key) => `${key}.export`)]);
    const toDlq = topology.bindings.filter((b) => b.exchange === 'invekto.dlx').map((b) => b.routingKey);
    expect(toDlq).toEqual(['chat-analysis', 'export-dead']);
  });

  it('takes the retry delays from configuration, so tests can scale them down', () => {
    const topology = buildTopology({
      retryLadder: RetryLadder.map((rung) => ({ ...rung, delayMs: rung.delayMs / 10 })),
    });
    const ttls = topology.queues
      .filter((q) => q.name.startsWith('invekto.retry.'))
      .map((q) => q.arguments['x-message-ttl']);
    expect(ttls).toEqual([200, 1_000, 3_000, 12_000, 60_000]);
  });

  it('names the retry key `<rung>.<routingKey>`', () => {
    const [first] = buildTopology().retryRungs;
    expect(first && retryRoutingKey(first, 'chat-analysis')).toBe('2s.chat-analysis');
  });

  it.each([
    [{ jobQueues: [] }, 'jobQueues'],
    [{ jobQueues: [{ queue: '', routingKey: 'x' }] }, 'jobQueues[0].queue'],
    [{ jobQueues: [{ queue: 'q', routingKey: 'x', messageTtlMs: 0 }] }, 'jobQueues[0].messageTtlMs'],
    [{ jobQueues: [{ queue: 'q', routingKey: 'x', messageTtlMs: 2 ** 32 }] }, 'jobQueues[0].messageTtlMs'],
    [{ retryLadder: [{ queue: 'invekto.retry.2s', delayMs: 1.5 }] }, 'retryLadder[0].delayMs'],
    [{ retryLadder: [{ queue: 'retry-2s', delayMs: 2_000 }] }, 'retryLadder[0].queue'],
    [{ retryLadder: [{ queue: 'invekto.retry.', delayMs: 2_000 }] }, 'retryLadder[0].queue'],
    [
      {
        jobQueues: [
          { queue: 'a', routingKey: 'k' },
          { queue: 'a', routingKey: 'l' },
        ],
      },
      'queues',
    ],
    [
      {
        jobQueues: [
          { queue: 'a', routingKey: 'k' },
          { queue: 'b', routingKey: 'k' },
        ],
      },
      'routingKey',
    ],
    // A job routing key equal to a retry key would skip the delay.
    [
      {
        jobQueues: [
          { queue: 'a', routingKey: 'k' },
          { queue: 'b', routingKey: '2s.k' },
        ],
      },
      'routingKey',
    ],
  ])('rejects %j naming %s', (options, field) => {
    expect(() => buildTopology(options)).toThrow(TopologyConfigError);
    expect(() => buildTopology(options)).toThrow(expect.objectContaining({ field }));
  });
});
