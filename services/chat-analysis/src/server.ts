import type { InvektoConfig } from '@invekto/platform/config';
import { listen, type RunningService } from '@invekto/platform/http';
import type { Logger } from '@invekto/platform/observability';
import { buildApp } from './build-app.js';
import { warmUp } from './warm-up.js';

/** Starts the chat-analysis API on its configured port. */
export async function startChatAnalysis({
  config,
  logger,
}: {
  config: InvektoConfig;
  logger: Logger;
}): Promise<RunningService> {
  const app = await buildApp({ config, logger });
  await warmUp(app);
  return listen(app, {
    host: config.http.host,
    port: config.ports.chatAnalysis,
    shutdownTimeoutMs: config.http.shutdownTimeoutMs,
  });
}
