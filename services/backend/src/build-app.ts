import type { ChatAnalysisClient } from '@invekto/client';
import type { InvektoConfig } from '@invekto/platform/config';
import { createHttpApp, type HttpApp } from '@invekto/platform/http';
import type { Logger } from '@invekto/platform/observability';
import { registerAnalyzeChatRoute } from './routes/analyze-chat-route.js';
import { registerSamplesRoute } from './routes/samples-route.js';
import { registerWebRoutes } from './routes/web-routes.js';

export interface BackendAppOptions {
  readonly config: InvektoConfig;
  readonly logger: Logger;
  readonly chatAnalysis: ChatAnalysisClient;
}

/** The reference backend: the page at `/` and the API it calls. */
export async function buildApp({ config, logger, chatAnalysis }: BackendAppOptions): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'backend',
    version: config.serviceVersion,
    logger,
    bodyLimitBytes: config.http.bodyLimitBytes,
    maxInFlight: config.http.maxInFlight,
    exposeErrorDetails: config.http.exposeErrorDetails,
    description: 'Reference backend: source of truth, renders analysis results for the user.',
    readinessChecks: [{ name: 'chat-analysis', check: (signal) => chatAnalysis.probe(signal) }],
  });
  registerWebRoutes(app);
  registerSamplesRoute(app);
  registerAnalyzeChatRoute(app, chatAnalysis, config.chatAnalysis.maxBodyBytes);
  return app;
}
