import { RetryLadder } from '@invekto/contracts';
import { ConfigError, type InvektoConfig } from '@invekto/platform/config';
import { buildTopology, type Topology } from '@invekto/platform/messaging';

/**
 * The topology with the ladder's delays from INVEKTO_RETRY_DELAYS_MS. The rung names stay those of
 * seed 000 §1.3 whatever the delays, so scaled-down test ladders keep the production shape.
 */
export function topologyFromConfig(config: InvektoConfig): Topology {
  const delays = config.jobs.retryDelaysMs;
  if (delays.length !== RetryLadder.length) {
    throw new ConfigError(
      'INVEKTO_RETRY_DELAYS_MS',
      `must list ${RetryLadder.length} delays, one per rung (${RetryLadder.map((rung) => rung.queue).join(', ')})`,
    );
  }
  return buildTopology({
    retryLadder: RetryLadder.map((rung, index) => ({ queue: rung.queue, delayMs: delays[index] ?? rung.delayMs })),
  });
}
