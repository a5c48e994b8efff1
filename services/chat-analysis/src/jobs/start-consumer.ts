import {
  CHAT_ANALYSIS_JOB_SCHEMA_VERSION,
  RoutingKeys,
  type AnalysisResult,
  type ChatAnalysisJobMessage,
} from '@invekto/contracts';
import type { InvektoConfig } from '@invekto/platform/config';
import type { IdempotencyGuard } from '@invekto/platform/idempotency';
import type { JobStatusStore } from '@invekto/platform/jobs';
import { JobConsumer, type Broker, type Topology } from '@invekto/platform/messaging';
import type { Logger } from '@invekto/platform/observability';
import { chatAnalysisJobHandler } from './chat-analysis-job-handler.js';

export interface ChatAnalysisConsumerOptions {
  readonly config: InvektoConfig;
  readonly logger: Logger;
  readonly broker: Broker;
  readonly topology: Topology;
  readonly statuses: JobStatusStore<AnalysisResult>;
  readonly guard: IdempotencyGuard;
}

/** Consumes `invekto.jobs.chat-analysis` until closed. */
export async function startChatAnalysisConsumer(
  options: ChatAnalysisConsumerOptions,
): Promise<JobConsumer<ChatAnalysisJobMessage>> {
  const { config, logger, topology } = options;
  const queue = topology.jobQueues.find((job) => job.routingKey === RoutingKeys.ChatAnalysis);
  if (queue === undefined) throw new Error('The topology has no chat-analysis job queue.');
  const consumer = new JobConsumer<ChatAnalysisJobMessage>({
    broker: options.broker,
    queue,
    retryRungs: topology.retryRungs,
    guard: options.guard,
    schemaVersions: [CHAT_ANALYSIS_JOB_SCHEMA_VERSION],
    logger,
    prefetch: config.jobs.consumerPrefetch,
    concurrency: config.jobs.consumerConcurrency,
    processingTtlMs: config.jobs.claimTtlMs,
    handler: chatAnalysisJobHandler({
      statuses: options.statuses,
      limits: config.chatAnalysis,
      callbackSecret: config.jobs.callbackSecret,
      logger,
    }),
  });
  await consumer.start();
  return consumer;
}
