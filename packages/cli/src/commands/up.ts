import { loadConfig } from '@invekto/platform/config';
import { createLogger } from '@invekto/platform/observability';
import { COMPONENT_NAMES } from '../runtime/component.js';
import { runUntilSignal } from '../runtime/run-until-signal.js';

/** `invekto up`: every component in one process, on embedded stores unless URLs name servers. */
export async function up(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger({ service: 'invekto', level: config.log.level, hashSalt: config.log.hashSalt });
  return runUntilSignal({
    config,
    logger,
    components: COMPONENT_NAMES,
    onStarted(components, stores) {
      const url = (name: string) => components.find((component) => component.name === name)?.url ?? '';
      const chatAnalysis = url('chat-analysis-api');
      console.log(
        [
          '',
          'Invekto is up.',
          `  backend (demo UI)   ${url('backend')}/`,
          `  chat-analysis API   ${chatAnalysis}/docs   (OpenAPI: ${chatAnalysis}/openapi.json)`,
          `  stores              SQL: ${stores.describe.sql}; key-value: ${stores.describe.keyValue}; broker: ${stores.describe.broker}`,
          '',
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
    },
  });
}
