import type { InvektoConfig } from '@invekto/platform/config';
import { listen, type RunningService } from '@invekto/platform/http';
import type { Logger } from '@invekto/platform/observability';
import { buildApp, type ChatAnalysisAppOptions } from './build-app.js';
import { warmUp } from './warm-up.js';

/** Starts the chat-analysis API on its configured port. */
export async function startChatAnalysis({
  config,
  logger,
  jobs,
}: {
  config: InvektoConfig;
  logger: Logger;
  jobs?: ChatAnalysisAppOptions['jobs'];
}): Promise<RunningService> {
  const app = await buildApp({ config, logger, jobs });
  await warmUp(app);
  return listen(app, {
    host: config.http.host,
    port: config.ports.chatAnalysis,
    shutdownTimeoutMs: config.http.shutdownTimeoutMs,
  });
}
