import { loadConfig } from '@invekto/platform/config';
import { createLogger } from '@invekto/platform/observability';
import { COMPONENT_NAMES, isComponentName } from '../runtime/component.js';
import { runUntilSignal } from '../runtime/run-until-signal.js';

/** `invekto run <component>`: one component, against the servers the INVEKTO_*_URL variables name. */
export async function run(args: readonly string[]): Promise<number> {
  const [name] = args;
  if (name === undefined || !isComponentName(name) || args.length > 1) {
    console.error(`Usage: invekto run <component>\n\nComponents: ${COMPONENT_NAMES.join(', ')}`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger({ service: name, level: config.log.level, hashSalt: config.log.hashSalt });
  return runUntilSignal({
    config,
    logger,
    components: [name],
    onStarted(components, stores) {
      const where = components[0]?.url === undefined ? '' : ` at ${components[0].url}`;
      console.log(
        `${name} is running${where} (SQL: ${stores.describe.sql}; key-value: ${stores.describe.keyValue}; ` +
          `broker: ${stores.describe.broker}). Press Ctrl-C to stop.`,
      );
    },
  });
}
