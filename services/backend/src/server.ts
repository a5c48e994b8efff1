import { ChatAnalysisClient } from '@invekto/client';
import type { InvektoConfig } from '@invekto/platform/config';
import { listen, type RunningService } from '@invekto/platform/http';
import type { Logger } from '@invekto/platform/observability';
import { buildApp } from './build-app.js';

/** Starts the reference backend on its configured port, talking to chat-analysis at its configured URL. */
export async function startBackend({
  config,
  logger,
  chatAnalysisUrl,
}: {
  config: InvektoConfig;
  logger: Logger;
  /** Base URL of the chat-analysis API (nginx in production). */
  chatAnalysisUrl: string;
}): Promise<RunningService> {
  const chatAnalysis = new ChatAnalysisClient({ baseUrl: chatAnalysisUrl, syncPolicy: config.syncPolicy });
  const app = await buildApp({ config, logger, chatAnalysis });
  return listen(app, {
    host: config.http.host,
    port: config.ports.backend,
    shutdownTimeoutMs: config.http.shutdownTimeoutMs,
  });
}
