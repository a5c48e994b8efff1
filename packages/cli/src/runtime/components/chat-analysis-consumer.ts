import { startChatAnalysisConsumer } from '@invekto/chat-analysis';
import type { AnalysisResult } from '@invekto/contracts';
import { IdempotencyGuard } from '@invekto/platform/idempotency';
import { JobStatusStore } from '@invekto/platform/jobs';
import type { ComponentContext, RunningComponent } from '../component.js';

/** Consumes chat-analysis jobs: analysis, status, callback, retry ladder, DLQ. */
export async function startChatAnalysisConsumerComponent({
  config,
  logger,
  stores,
}: ComponentContext): Promise<RunningComponent> {
  const { keyValue, keys, broker, topology } = stores;
  const consumer = await startChatAnalysisConsumer({
    config,
    logger: logger.child({ component: 'chat-analysis-consumer' }),
    broker,
    topology,
    statuses: new JobStatusStore<AnalysisResult>({ store: keyValue, keys }),
    guard: new IdempotencyGuard({ store: keyValue, keys }),
  });
  return { name: 'chat-analysis-consumer', close: () => consumer.close(config.http.shutdownTimeoutMs) };
}
