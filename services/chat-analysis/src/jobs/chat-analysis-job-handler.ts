import {
  JobStatus,
  type AnalysisResult,
  type ChatAnalysisJobMessage,
  type ErrorInfo,
  type JobCallback,
  enforceChatLimits,
  type ChatLimits,
} from '@invekto/contracts';
import { deliverCallback } from '@invekto/platform/callback';
import type { JsonValue } from '@invekto/platform/idempotency';
import type { JobStatusStore } from '@invekto/platform/jobs';
import type { ConsumedMessage, FailureInfo, JobHandler } from '@invekto/platform/messaging';
import type { Logger } from '@invekto/platform/observability';
import { analyzeChat } from '../core/index.js';
import { decodeJobMessage } from './decode-job-message.js';

export interface ChatAnalysisJobHandlerOptions {
  readonly statuses: JobStatusStore<AnalysisResult>;
  readonly limits: ChatLimits;
  /** Signs callbacks to the backend. */
  readonly callbackSecret: string;
  readonly logger: Logger;
  readonly now?: () => number;
}

function errorInfo(failure: FailureInfo): ErrorInfo {
  return { code: failure.code, category: failure.category, message: failure.message };
}

function attemptOf(message: ConsumedMessage): number {
  return message.retryCount + 1;
}

/**
 * Runs one chat-analysis job: marks it processing, analyses the chat, stores the result with the job
 * status (`invekto:job:{jobId}`) and, when the job names a callback, delivers the outcome there signed.
 * A callback that cannot be delivered fails the attempt TRANSIENT, so the ladder retries it; analysis is
 * deterministic, so a retry produces the same result.
 */
export function chatAnalysisJobHandler(options: ChatAnalysisJobHandlerOptions): JobHandler<ChatAnalysisJobMessage> {
  const { statuses, limits, logger } = options;
  const now = options.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();

  async function notify(job: ChatAnalysisJobMessage, callback: Omit<JobCallback, 'jobId' | 'tenantId' | 'finishedAt'>) {
    if (job.callbackUrl === undefined) return;
    const body: JobCallback = { jobId: job.jobId, tenantId: job.tenantId, finishedAt: iso(), ...callback };
    await deliverCallback({ url: job.callbackUrl, body: JSON.stringify(body), secret: options.callbackSecret });
  }

  return {
    decode: (body) => decodeJobMessage(body),

    async process(job, message): Promise<JsonValue> {
      const attempts = attemptOf(message);
      const current = await statuses.get(job.tenantId, job.jobId);
      if (current === undefined || current.status !== JobStatus.Done) {
        await statuses.update(job.tenantId, job.jobId, { status: JobStatus.Processing, attempts });
      }
      enforceChatLimits(job.request, limits);
      const { data } = analyzeChat(job.request);
      await statuses.update(job.tenantId, job.jobId, { status: JobStatus.Done, attempts, result: data });
      await notify(job, { status: JobStatus.Done, attempts, result: data });
      return { jobId: job.jobId, status: JobStatus.Done };
    },

    async onRetryScheduled(job, message, info) {
      await statuses.update(job.tenantId, job.jobId, {
        status: JobStatus.Retrying,
        attempts: attemptOf(message),
        error: errorInfo(info.failure),
      });
    },

    async onDeadLettered(job, message, info) {
      if (job === undefined) return;
      const attempts = message === undefined ? info.retryCount + 1 : attemptOf(message);
      const error = errorInfo(info.failure);
      await statuses.update(job.tenantId, job.jobId, { status: JobStatus.DeadLettered, attempts, error });
      await notify(job, { status: JobStatus.DeadLettered, attempts, error }).catch((callbackError: unknown) => {
        logger.error({ err: callbackError, jobId: job.jobId }, 'the dead-letter callback could not be delivered');
      });
    },
  };
}
