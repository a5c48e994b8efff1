import {
  AnalyzeRequestSchema,
  CHAT_ANALYSIS_JOB_SCHEMA_VERSION,
  ErrorResponseSchema,
  Exchanges,
  InvektoError,
  JobAcceptedSchema,
  JobStatus,
  MessageHeaderNames,
  RoutingKeys,
  StandardResponseSchema,
  type AnalyzeRequest,
  type ChatAnalysisJobMessage,
  type JobAccepted,
} from '@invekto/contracts';
import { contextFromHeaders } from '@invekto/platform/context';
import { success, type HttpApp } from '@invekto/platform/http';
import { submitOnce } from '@invekto/platform/idempotency';
import { newJobId, newMessageId } from '@invekto/platform/jobs';
import { jobMessageHeaders } from '@invekto/platform/messaging';
import { OUTBOX_PAYLOAD_MAX_BYTES, writeOutbox } from '@invekto/platform/outbox';
import type { FastifyRequest } from 'fastify';
import type { BackendJobs } from '../jobs/backend-jobs.js';
import { enforceChatLimits } from '@invekto/contracts';
import { tenantKeyPart, tenantOf } from '../jobs/job-tenant.js';

/** The `kind` of the jobs this route creates. */
export const CHAT_ANALYSIS_JOB_KIND = 'chat-analysis';

/**
 * The whole message must fit the outbox (a quarter of the broker's message size limit), and the body is
 * its largest part; the rest (ids, times, the callback URL) stays well under 8 KiB.
 */
const ASYNC_BODY_LIMIT_BYTES = OUTBOX_PAYLOAD_MAX_BYTES - 8 * 1024;

async function submitJob(
  request: FastifyRequest,
  jobs: BackendJobs,
  tenantId: string,
  chat: AnalyzeRequest,
): Promise<JobAccepted> {
  const now = Date.now();
  const jobId = newJobId(now);
  const messageId = newMessageId(now);
  const submittedAt = new Date(now);
  const message: ChatAnalysisJobMessage = {
    jobId,
    tenantId,
    submittedAt: submittedAt.toISOString(),
    request: chat,
    callbackUrl: jobs.callbackUrl(),
  };
  const bytes = Buffer.byteLength(JSON.stringify(message), 'utf8');
  if (bytes > OUTBOX_PAYLOAD_MAX_BYTES) {
    throw new InvektoError('INV-VAL-003', {
      details: `the job message would be ${bytes} bytes; at most ${OUTBOX_PAYLOAD_MAX_BYTES} fit the queue`,
    });
  }
  const context = request.invektoContext ?? contextFromHeaders({});
  const headers = {
    ...jobMessageHeaders(context, { schemaVersion: CHAT_ANALYSIS_JOB_SCHEMA_VERSION }),
    // The tenant the job belongs to, the default one included when the request named none.
    [MessageHeaderNames.TenantId]: tenantId,
  };
  await jobs.sqlStore.transaction(async (tx) => {
    await jobs.jobs.create(tx, {
      jobId,
      tenantId,
      kind: CHAT_ANALYSIS_JOB_KIND,
      payload: chat,
      messageId,
      status: JobStatus.Accepted,
      createdAt: submittedAt,
    });
    await writeOutbox(tx, {
      messageId,
      destination: Exchanges.Direct,
      routingKey: RoutingKeys.ChatAnalysis,
      headers,
      payload: message,
    });
  });
  jobs.notifyOutbox();
  return { status: 'accepted', jobId };
}

/**
 * `POST /api/v1/chats/analyze/async`: the page's async analysis (seed 000 §7.3, seed 001 §4). The job row
 * and its outbox message commit in one transaction (seed 000 §3.3), so an accepted job is never lost and
 * never queued without its row; the dispatcher publishes it and a consumer posts the outcome back to
 * `POST /api/v1/internal/jobs/callback`. The body is checked like the sync route checks it, chat limits
 * with the service's CHA-VAL codes, so a chat the service would refuse is refused now.
 */
export function registerAnalyzeAsyncRoute(app: HttpApp, jobs: BackendJobs): void {
  app.post(
    '/api/v1/chats/analyze/async',
    {
      bodyLimit: Math.min(ASYNC_BODY_LIMIT_BYTES, jobs.limits.maxBodyBytes),
      schema: {
        tags: ['chats'],
        summary: 'Queue a chat for analysis',
        description:
          'Accepts the body of `POST /api/v1/chats/analyze` and answers 202 with a job id once the job and its ' +
          'message are stored. The job belongs to the X-Tenant-Id tenant (`default` without one). With ' +
          'X-Idempotency-Key (1-128 of A-Z a-z 0-9 _ -) a repeat within 1 h answers the same job id; another ' +
          'body under the same key is refused (INV-VAL-008). Follow the job with `GET /api/v1/jobs/{jobId}`.',
        body: AnalyzeRequestSchema,
        response: {
          202: StandardResponseSchema(JobAcceptedSchema),
          '4xx': ErrorResponseSchema,
          '5xx': ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      enforceChatLimits(request.body, jobs.limits);
      const { value } = await submitOnce(
        jobs.guard,
        { tenantId: tenantKeyPart(tenantId), key: request.invektoContext?.idempotencyKey, request: request.body },
        () => submitJob(request, jobs, tenantId, request.body),
      );
      return reply.code(202).send(success(request, value, { jobId: value.jobId }));
    },
  );
}
