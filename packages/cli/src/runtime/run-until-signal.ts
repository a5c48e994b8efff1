import type { InvektoConfig } from '@invekto/platform/config';
import type { Logger } from '@invekto/platform/observability';
import { waitForShutdownSignal } from '../shutdown-signal.js';
import type { ComponentName, RunningComponent } from './component.js';
import { topologyFromConfig } from './ladder-from-config.js';
import { openStores, type Stores } from './open-stores.js';
import { startComponents, stopComponents } from './start-components.js';

export interface RunOptions {
  readonly config: InvektoConfig;
  readonly logger: Logger;
  readonly components: readonly ComponentName[];
  /** Called once everything listens, e.g. to print where. */
  readonly onStarted: (components: readonly RunningComponent[], stores: Stores) => void;
}

/** Opens the stores, starts the components, waits for SIGINT/SIGTERM, then drains and closes all. */
export async function runUntilSignal({ config, logger, components, onStarted }: RunOptions): Promise<number> {
  const stores = await openStores({ config, logger, topology: topologyFromConfig(config) });
  let running: RunningComponent[];
  try {
    running = await startComponents({ config, logger, stores }, components);
  } catch (error) {
    await stores.close();
    throw error;
  }
  onStarted(running, stores);
  const signal = await waitForShutdownSignal();
  logger.info({ signal }, 'shutting down');
  await stopComponents(running);
  await stores.close();
  logger.info('stopped');
  return 0;
}
