import { describe, expect, it } from 'vitest';
import { DEFAULT_DEFINITIONS_VHOST, renderDefinitions, toDefinitions } from './definitions-export.js';
import { buildTopology } from './topology.js';

/** Regenerate it with `npx vitest run packages/platform/src/messaging/topology -u`. */
const COMMITTED_FILE = '../../../../../infra/rabbitmq/definitions.json';

describe('toDefinitions', () => {
  const topology = buildTopology();
  const definitions = toDefinitions(topology, { vhost: 'invekto-test' });

  it('puts the vhost and every exchange, queue and binding of the topology in it', () => {
    expect(definitions.vhosts).toEqual([{ name: 'invekto-test' }]);
    expect(definitions.exchanges).toHaveLength(topology.exchanges.length);
    expect(definitions.queues).toHaveLength(topology.queues.length);
    expect(definitions.bindings).toHaveLength(topology.bindings.length);
    for (const entry of [...definitions.exchanges, ...definitions.queues, ...definitions.bindings]) {
      expect(entry.vhost).toBe('invekto-test');
    }
  });

  it('writes entries in the shape rabbitmqctl import_definitions reads', () => {
    expect(definitions.exchanges[0]).toEqual({
      name: 'invekto.direct',
      vhost: 'invekto-test',
      type: 'direct',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: {},
    });
    expect(definitions.queues[0]).toEqual({
      name: 'invekto.jobs.chat-analysis',
      vhost: 'invekto-test',
      durable: true,
      auto_delete: false,
      arguments: {
        'x-dead-letter-exchange': 'invekto.dlx',
        'x-dead-letter-routing-key': 'chat-analysis',
        'x-message-ttl': 3_600_000,
      },
    });
    expect(definitions.bindings).toContainEqual({
      source: 'invekto.retry',
      vhost: 'invekto-test',
      destination: 'invekto.retry.2s',
      destination_type: 'queue',
      routing_key: '2s.chat-analysis',
      arguments: {},
    });
  });

  it('refuses an empty vhost', () => {
    expect(() => toDefinitions(topology, { vhost: '' })).toThrow(/vhost/);
  });
});

describe('infra/rabbitmq/definitions.json', () => {
  it('equals the definitions generated from the default topology, so it never drifts', async () => {
    const generated = renderDefinitions(toDefinitions(buildTopology(), { vhost: DEFAULT_DEFINITIONS_VHOST }));
    await expect(generated).toMatchFileSnapshot(COMMITTED_FILE);
  });
});
