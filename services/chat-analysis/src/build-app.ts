import type { InvektoConfig } from '@invekto/platform/config';
import { createHttpApp, type HttpApp } from '@invekto/platform/http';
import type { Logger } from '@invekto/platform/observability';
import { registerAnalyzeRoute } from './api/analyze-route.js';

export interface ChatAnalysisAppOptions {
  readonly config: InvektoConfig;
  readonly logger: Logger;
}

/** The chat-analysis HTTP service, ready for `inject` or `listen`. */
export async function buildApp({ config, logger }: ChatAnalysisAppOptions): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'chat-analysis',
    version: config.serviceVersion,
    logger,
    bodyLimitBytes: config.http.bodyLimitBytes,
    maxInFlight: config.http.maxInFlight,
    exposeErrorDetails: config.http.exposeErrorDetails,
    description:
      'Entity extraction, normalisation, sentiment, intent and summary for Turkish and English customer chats.',
  });
  registerAnalyzeRoute(app, config.chatAnalysis);
  return app;
}
