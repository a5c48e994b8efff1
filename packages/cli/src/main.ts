import { ConfigError } from '@invekto/platform/config';
import { up } from './commands/up.js';

const USAGE = `Usage: invekto <command>

Commands:
  up        run every component in one process on embedded stores
  help      show this help

Configuration comes from INVEKTO_* environment variables; see README.md.`;

/** Runs one CLI command and returns the process exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const [command = 'help'] = args;
  try {
    switch (command) {
      case 'up':
        return await up();
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
