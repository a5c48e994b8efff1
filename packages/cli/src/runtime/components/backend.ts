import { startBackend } from '@invekto/backend';
import type { ComponentContext, RunningComponent } from '../component.js';

export interface BackendComponentOptions {
  /** Base URL of the chat-analysis API. */
  readonly chatAnalysisUrl: string;
  /** Wakes a dispatcher running in this process after each job is written. */
  readonly onOutboxWrite?: (() => void) | undefined;
}

/** The reference backend: page, sync and async analysis, jobs, result callbacks. */
export async function startBackendComponent(
  { config, logger, stores }: ComponentContext,
  options: BackendComponentOptions,
): Promise<RunningComponent> {
  const service = await startBackend({
    config,
    logger: logger.child({ component: 'backend' }),
    chatAnalysisUrl: options.chatAnalysisUrl,
    stores: { sqlStore: stores.sql, keyValueStore: stores.keyValue, keys: stores.keys },
    onOutboxWrite: options.onOutboxWrite,
  });
  return { name: 'backend', url: service.url, close: () => service.close() };
}
