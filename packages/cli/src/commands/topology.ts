import { writeFile } from 'node:fs/promises';
import { loadConfig } from '@invekto/platform/config';
import { RabbitMqBroker, renderDefinitions, toDefinitions } from '@invekto/platform/messaging';
import { topologyFromConfig } from '../runtime/ladder-from-config.js';

const USAGE = `Usage: invekto topology [--export <file>] [--vhost <name>]

Declares the exchanges, queues and bindings of seed 000 §1.3 on INVEKTO_AMQP_URL (idempotent; the vhost
of the URL is the environment). With --export, writes them as a RabbitMQ definitions file for --vhost
(default invekto-dev) instead.`;

/** `invekto topology`: declare the topology on RabbitMQ, or export it as a definitions file. */
export async function topology(args: readonly string[]): Promise<number> {
  const options = parseArguments(args);
  if (options === undefined) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const wanted = topologyFromConfig(config);
  if (options.exportPath !== undefined) {
    await writeFile(options.exportPath, renderDefinitions(toDefinitions(wanted, { vhost: options.vhost })));
    console.log(`Wrote the topology for vhost ${options.vhost} to ${options.exportPath}.`);
    return 0;
  }
  if (config.stores.amqpUrl === undefined) {
    console.error(
      'INVEKTO_AMQP_URL is not set. The embedded broker declares its topology when it starts; ' +
        'set INVEKTO_AMQP_URL to declare on RabbitMQ, or use --export <file>.',
    );
    return 2;
  }
  const broker = await RabbitMqBroker.connect({ url: config.stores.amqpUrl });
  try {
    await broker.declare(wanted);
  } finally {
    await broker.close();
  }
  const counts = `${wanted.exchanges.length} exchanges, ${wanted.queues.length} queues, ${wanted.bindings.length} bindings`;
  console.log(`Declared ${counts} on ${new URL(config.stores.amqpUrl).host}.`);
  return 0;
}

function parseArguments(args: readonly string[]): { exportPath?: string; vhost: string } | undefined {
  let exportPath: string | undefined;
  let vhost = 'invekto-dev';
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined || value.startsWith('--')) return undefined;
    if (flag === '--export') exportPath = value;
    else if (flag === '--vhost') vhost = value;
    else return undefined;
  }
  return exportPath === undefined ? { vhost } : { exportPath, vhost };
}
