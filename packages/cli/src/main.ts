import { ConfigError } from '@invekto/platform/config';
import { migrate } from './commands/migrate.js';
import { run } from './commands/run.js';
import { topology } from './commands/topology.js';
import { up } from './commands/up.js';

const USAGE = `Usage: invekto <command>

Commands:
  up                  run every component in one process (embedded stores unless URLs are set)
  run <component>     run one component: chat-analysis-api, chat-analysis-consumer, backend, dispatcher
  migrate             apply the SQL migrations
  topology            declare the RabbitMQ topology (--export <file> writes a definitions file)
  help                show this help

Stores: INVEKTO_SQL_URL (PostgreSQL), INVEKTO_REDIS_URL (Redis), INVEKTO_AMQP_URL (RabbitMQ); each
unset one is embedded (PGlite in INVEKTO_DATA_DIR, in-memory, SQL-backed queue). See README.md.`;

/** Runs one CLI command and returns the process exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const [command = 'help', ...rest] = args;
  try {
    switch (command) {
      case 'up':
        return await up();
      case 'run':
        return await run(rest);
      case 'migrate':
        return await migrate();
      case 'topology':
        return await topology(rest);
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return 0;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}
