import type { ChatAnalysisClient } from '@invekto/client';
import type { InvektoConfig } from '@invekto/platform/config';
import { createHttpApp, type HttpApp } from '@invekto/platform/http';
import type { Logger } from '@invekto/platform/observability';
import type { KeyNamespace, KeyValueStore, SqlStore } from '@invekto/platform/store';
import { createBackendJobs } from './jobs/backend-jobs.js';
import { registerAnalyzeAsyncRoute } from './routes/analyze-async-route.js';
import { registerAnalyzeChatRoute } from './routes/analyze-chat-route.js';
import { registerJobCallbackRoute } from './routes/job-callback-route.js';
import { registerJobRoutes } from './routes/job-routes.js';
import { registerSamplesRoute } from './routes/samples-route.js';
import { registerWebRoutes } from './routes/web-routes.js';

export interface BackendAppOptions {
  readonly config: InvektoConfig;
  readonly logger: Logger;
  readonly chatAnalysis: ChatAnalysisClient;
  /** Migrated SQL store holding `jobs` and `outbox`; the caller opens and closes it. */
  readonly sqlStore: SqlStore;
  /** Job status (`invekto:job:*`), idempotency keys and callback replay marks; the caller opens and closes it. */
  readonly keyValueStore: KeyValueStore;
  /** Key prefix shared with the consumers that write job status. @default new KeyNamespace() ('invekto:') */
  readonly keys?: KeyNamespace | undefined;
  /** HMAC key of result callbacks. @default config.jobs.callbackSecret */
  readonly callbackSecret?: string | undefined;
  /** Age limit of a signed callback, either way. @default config.jobs.callbackMaxAgeMs */
  readonly callbackMaxAgeMs?: number | undefined;
  /**
   * Absolute URL of `POST /api/v1/internal/jobs/callback` as consumers reach it, written into every job
   * message. A function is read at each submit, so a server listening on port 0 can answer it once it
   * knows its port.
   */
  readonly callbackUrl: string | (() => string);
  /** Called after each job commits, to wake the outbox dispatcher; an error it throws is logged only. */
  readonly onOutboxWrite?: (() => void) | undefined;
}

/** The reference backend: the page at `/` and the API it calls. */
export async function buildApp(options: BackendAppOptions): Promise<HttpApp> {
  const { config, logger, chatAnalysis, sqlStore, keyValueStore } = options;
  const jobs = createBackendJobs({
    sqlStore,
    keyValueStore,
    keys: options.keys,
    callbackSecret: options.callbackSecret ?? config.jobs.callbackSecret,
    callbackMaxAgeMs: options.callbackMaxAgeMs ?? config.jobs.callbackMaxAgeMs,
    callbackUrl: options.callbackUrl,
    onOutboxWrite: options.onOutboxWrite,
    limits: config.chatAnalysis,
    onNotifyError: (error) =>
      logger.warn({ err: error }, 'onOutboxWrite failed; the job is stored and waits in the outbox'),
  });
  const app = await createHttpApp({
    service: 'backend',
    version: config.serviceVersion,
    logger,
    bodyLimitBytes: config.http.bodyLimitBytes,
    maxInFlight: config.http.maxInFlight,
    exposeErrorDetails: config.http.exposeErrorDetails,
    description: 'Reference backend: source of truth, renders analysis results for the user.',
    readinessChecks: [
      { name: 'chat-analysis', check: (signal) => chatAnalysis.probe(signal) },
      { name: 'sql', check: () => sqlStore.ping() },
      { name: 'key-value', check: () => keyValueStore.ping() },
    ],
  });
  registerWebRoutes(app);
  registerSamplesRoute(app);
  registerAnalyzeChatRoute(app, chatAnalysis, config.chatAnalysis.maxBodyBytes);
  registerAnalyzeAsyncRoute(app, jobs);
  registerJobRoutes(app, jobs);
  // An outcome carries the analysis of a whole chat: its normalised texts, entities and scores.
  registerJobCallbackRoute(app, jobs, 4 * config.chatAnalysis.maxBodyBytes);
  return app;
}
