import type { InvektoConfig } from '@invekto/platform/config';
import { createHttpApp, type HttpApp } from '@invekto/platform/http';
import type { Logger } from '@invekto/platform/observability';
import { registerAnalyzeRoute } from './api/analyze-route.js';
import { registerAsyncJobRoutes, type AsyncJobRoutesOptions } from './api/async-job-routes.js';

export interface ChatAnalysisAppOptions {
  readonly config: InvektoConfig;
  readonly logger: Logger;
  /** The async path's dependencies; without them the service answers synchronously only. */
  readonly jobs?: Omit<AsyncJobRoutesOptions, 'limits'> | undefined;
}

/** The chat-analysis HTTP service, ready for `inject` or `listen`. */
export async function buildApp({ config, logger, jobs }: ChatAnalysisAppOptions): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'chat-analysis',
    version: config.serviceVersion,
    logger,
    bodyLimitBytes: config.http.bodyLimitBytes,
    maxInFlight: config.http.maxInFlight,
    exposeErrorDetails: config.http.exposeErrorDetails,
    readinessChecks:
      jobs === undefined
        ? []
        : [
            { name: 'broker', check: () => jobs.broker.ping() },
            { name: 'key-value', check: () => jobs.statuses.ping() },
          ],
    description:
      'Entity extraction, normalisation, sentiment, intent and summary for Turkish and English customer chats.',
  });
  registerAnalyzeRoute(app, config.chatAnalysis);
  if (jobs !== undefined) registerAsyncJobRoutes(app, { ...jobs, limits: config.chatAnalysis });
  return app;
}
