import { ChatAnalysisClient } from '@invekto/client';
import type { InvektoConfig } from '@invekto/platform/config';
import { listen, type HttpApp, type RunningService } from '@invekto/platform/http';
import type { Logger } from '@invekto/platform/observability';
import { KeyNamespace } from '@invekto/platform/store';
import { buildApp, type BackendAppOptions } from './build-app.js';
import { JOB_CALLBACK_PATH } from './jobs/backend-jobs.js';

export interface StartBackendOptions {
  readonly config: InvektoConfig;
  readonly logger: Logger;
  /** Base URL of the chat-analysis API (nginx in production). */
  readonly chatAnalysisUrl: string;
  /** The process's stores (`sqlStore` migrated); the caller opens and closes them. */
  readonly stores: Pick<BackendAppOptions, 'sqlStore' | 'keyValueStore' | 'keys'>;
  /** See `BackendAppOptions.onOutboxWrite`. */
  readonly onOutboxWrite?: (() => void) | undefined;
}

function callbackUrlOf(app: HttpApp, config: InvektoConfig): string {
  if (config.jobs.backendUrl !== undefined) return `${config.jobs.backendUrl.replace(/\/+$/, '')}${JOB_CALLBACK_PATH}`;
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) {
    throw new Error('The backend is not listening yet, so its callback URL is unknown; set INVEKTO_BACKEND_URL.');
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}${JOB_CALLBACK_PATH}`;
}

/** Starts the reference backend on its configured port, talking to chat-analysis at its configured URL. */
export async function startBackend({
  config,
  logger,
  chatAnalysisUrl,
  stores,
  onOutboxWrite,
}: StartBackendOptions): Promise<RunningService> {
  const chatAnalysis = new ChatAnalysisClient({ baseUrl: chatAnalysisUrl, syncPolicy: config.syncPolicy });
  const { sqlStore, keyValueStore } = stores;
  const keys = stores.keys ?? new KeyNamespace(config.stores.keyPrefix);
  let app: HttpApp | undefined;
  try {
    app = await buildApp({
      config,
      logger,
      chatAnalysis,
      sqlStore,
      keyValueStore,
      keys,
      callbackUrl: () => callbackUrlOf(app as HttpApp, config),
      onOutboxWrite,
    });
    return await listen(app, {
      host: config.http.host,
      port: config.ports.backend,
      shutdownTimeoutMs: config.http.shutdownTimeoutMs,
    });
  } catch (error) {
    await app?.close();
    throw error;
  }
}
