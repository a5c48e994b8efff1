import { ChatAnalysisClient } from '@invekto/client';
import type { InvektoConfig } from '@invekto/platform/config';
import { listen, type HttpApp, type RunningService } from '@invekto/platform/http';
import type { Logger } from '@invekto/platform/observability';
import {
  KeyNamespace,
  MemoryKeyValueStore,
  migrate,
  PGLITE_MEMORY,
  PgliteSqlStore,
  PostgresSqlStore,
  RedisKeyValueStore,
  type KeyValueStore,
  type SqlStore,
} from '@invekto/platform/store';
import { buildApp, type BackendAppOptions } from './build-app.js';
import { JOB_CALLBACK_PATH } from './jobs/backend-jobs.js';

export interface StartBackendOptions {
  readonly config: InvektoConfig;
  readonly logger: Logger;
  /** Base URL of the chat-analysis API (nginx in production). */
  readonly chatAnalysisUrl: string;
  /**
   * The process's shared stores (`sqlStore` migrated). Without them the backend opens its own from
   * `config.stores`, except that embedded SQL is then in memory (`memory://`): `dataDir` belongs to the
   * process's one PGlite, which whoever wires the outbox dispatcher opens and passes here.
   */
  readonly stores?: Pick<BackendAppOptions, 'sqlStore' | 'keyValueStore' | 'keys'> | undefined;
  /** See `BackendAppOptions.onOutboxWrite`. */
  readonly onOutboxWrite?: (() => void) | undefined;
}

async function openOwnStores(config: InvektoConfig): Promise<{ sqlStore: SqlStore; keyValueStore: KeyValueStore }> {
  const { sqlUrl, redisUrl } = config.stores;
  const sqlStore: SqlStore =
    sqlUrl === undefined
      ? await PgliteSqlStore.open({ dataDir: PGLITE_MEMORY })
      : new PostgresSqlStore({ url: sqlUrl, applicationName: 'invekto-backend' });
  try {
    await migrate(sqlStore);
  } catch (error) {
    await sqlStore.close();
    throw error;
  }
  const keyValueStore: KeyValueStore =
    redisUrl === undefined ? new MemoryKeyValueStore() : new RedisKeyValueStore({ url: redisUrl });
  return { sqlStore, keyValueStore };
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
  const own = stores === undefined ? await openOwnStores(config) : undefined;
  const { sqlStore, keyValueStore } = stores ?? (own as NonNullable<typeof own>);
  const keys = stores?.keys ?? new KeyNamespace(config.stores.keyPrefix);
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
    const running = await listen(app, {
      host: config.http.host,
      port: config.ports.backend,
      shutdownTimeoutMs: config.http.shutdownTimeoutMs,
    });
    if (own === undefined) return running;
    return {
      ...running,
      async close() {
        await running.close();
        await Promise.allSettled([own.sqlStore.close(), own.keyValueStore.close()]);
      },
    };
  } catch (error) {
    await app?.close();
    if (own !== undefined) await Promise.allSettled([own.sqlStore.close(), own.keyValueStore.close()]);
    throw error;
  }
}
