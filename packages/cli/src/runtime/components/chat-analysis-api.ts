import { startChatAnalysis } from '@invekto/chat-analysis';
import type { AnalysisResult } from '@invekto/contracts';
import { IdempotencyGuard } from '@invekto/platform/idempotency';
import { JobStatusStore } from '@invekto/platform/jobs';
import type { ComponentContext, RunningComponent } from '../component.js';

/** The chat-analysis HTTP API: sync analysis, and the async submit and status endpoints. */
export async function startChatAnalysisApi({ config, logger, stores }: ComponentContext): Promise<RunningComponent> {
  const { keyValue, keys, broker } = stores;
  const service = await startChatAnalysis({
    config,
    logger: logger.child({ component: 'chat-analysis-api' }),
    jobs: {
      broker,
      statuses: new JobStatusStore<AnalysisResult>({ store: keyValue, keys }),
      guard: new IdempotencyGuard({ store: keyValue, keys }),
    },
  });
  return { name: 'chat-analysis-api', url: service.url, close: () => service.close() };
}
