import { startBackend } from '@invekto/backend';
import { startChatAnalysis } from '@invekto/chat-analysis';
import { loadConfig } from '@invekto/platform/config';
import { createLogger } from '@invekto/platform/observability';
import { waitForShutdownSignal } from '../shutdown-signal.js';

/** `invekto up`: every component in one process, on embedded defaults. */
export async function up(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger({ service: 'invekto', level: config.log.level, hashSalt: config.log.hashSalt });

  const chatAnalysis = await startChatAnalysis({ config, logger: logger.child({ component: 'chat-analysis' }) });
  const backend = await startBackend({
    config,
    logger: logger.child({ component: 'backend' }),
    chatAnalysisUrl: config.chatAnalysis.url ?? chatAnalysis.url,
  });

  console.log(
    [
      '',
      'Invekto is up.',
      `  backend (demo UI)   ${backend.url}/`,
      `  chat-analysis API   ${chatAnalysis.url}/docs   (OpenAPI: ${chatAnalysis.url}/openapi.json)`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  const signal = await waitForShutdownSignal();
  logger.info({ signal }, 'shutting down');
  // The backend goes first so no new work reaches the service while it drains.
  await backend.close();
  await chatAnalysis.close();
  logger.info('stopped');
  return 0;
}
