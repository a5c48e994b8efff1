import {
  openStores,
  startComponents,
  stopComponents,
  topologyFromConfig,
  type RunningComponent,
  type Stores,
} from '@invekto/cli';
import { loadConfig } from '@invekto/platform/config';
import { createLogger, LogCapture } from '@invekto/platform/observability';

export { until } from '@invekto/platform/testing';

/** The whole system in this process, as `invekto up` starts it, on ephemeral ports. */
export interface AsyncSystem {
  readonly stores: Stores;
  readonly backendUrl: string;
  readonly chatAnalysisUrl: string;
  readonly logs: LogCapture;
  close(): Promise<void>;
}

/** Ladder of 50-90 ms, so retries finish within a test. */
export const FAST_LADDER = '50,60,70,80,90';

export async function startAsyncSystem(env: Record<string, string>): Promise<AsyncSystem> {
  const config = loadConfig({
    INVEKTO_BACKEND_PORT: '0',
    INVEKTO_CHAT_ANALYSIS_PORT: '0',
    INVEKTO_RETRY_DELAYS_MS: FAST_LADDER,
    INVEKTO_SHUTDOWN_TIMEOUT_MS: '2000',
    ...env,
  });
  const logs = new LogCapture();
  const logger = createLogger({ service: 'invekto', hashSalt: 'test', destination: logs, level: 'info' });
  const stores = await openStores({ config, logger, topology: topologyFromConfig(config) });
  let components: RunningComponent[];
  try {
    components = await startComponents({ config, logger, stores }, [
      'dispatcher',
      'chat-analysis-consumer',
      'chat-analysis-api',
      'backend',
    ]);
  } catch (error) {
    await stores.close();
    throw error;
  }
  const url = (name: string) => components.find((component) => component.name === name)?.url ?? '';
  return {
    stores,
    backendUrl: url('backend'),
    chatAnalysisUrl: url('chat-analysis-api'),
    logs,
    async close() {
      await stopComponents(components);
      await stores.close();
    },
  };
}

/** Response bodies are read loosely; the tests check them field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type LooseJson = any;

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as LooseJson };
}

export async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as LooseJson };
}
