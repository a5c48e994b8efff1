import {
  AnalyzeRequestSchema,
  type AnalysisResult,
  CHAT_ANALYSIS_JOB_SCHEMA_VERSION,
  ErrorResponseSchema,
  Exchanges,
  InvektoError,
  JobAcceptedSchema,
  JobStatus,
  JobViewSchema,
  MessageHeaderNames,
  RoutingKeys,
  StandardResponseSchema,
  type ChatAnalysisJobMessage,
  type JobAccepted,
  enforceChatLimits,
  type ChatLimits,
} from '@invekto/contracts';
import { success, type HttpApp } from '@invekto/platform/http';
import { submitOnce, type IdempotencyGuard } from '@invekto/platform/idempotency';
import { isJobId, newJobId, newMessageId, type JobStatusStore } from '@invekto/platform/jobs';
import { jobMessageHeaders, type Broker } from '@invekto/platform/messaging';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CHAT_ERROR_CODES } from './chat-error-codes.js';

export interface AsyncJobRoutesOptions {
  readonly broker: Broker;
  readonly statuses: JobStatusStore<AnalysisResult>;
  readonly guard: IdempotencyGuard;
  readonly limits: ChatLimits;
}

const TENANT_HEADER_HINT = 'Async jobs belong to a tenant: send X-Tenant-Id.';

function requireTenant(request: FastifyRequest): string {
  const tenantId = request.invektoContext?.tenantId;
  if (tenantId === undefined) throw new InvektoError('INV-VAL-005', { message: TENANT_HEADER_HINT });
  return tenantId;
}

/**
 * The service's own async path (seed 000 §7.3): no SQL, the job lives in the broker and its status in
 * the key-value store (seed 001 §5). The publish is confirmed before 202 is answered, so an accepted job
 * is in the queue; a broker that cannot take it gets 503 and no job id.
 */
export function registerAsyncJobRoutes(app: HttpApp, options: AsyncJobRoutesOptions): void {
  const { broker, statuses, guard, limits } = options;

  async function submit(request: FastifyRequest, tenantId: string, chat: ChatAnalysisJobMessage['request']) {
    const context = request.invektoContext;
    const now = Date.now();
    const jobId = newJobId(now);
    const messageId = newMessageId(now);
    const at = new Date(now).toISOString();
    await statuses.put({ jobId, tenantId, status: JobStatus.Queued, createdAt: at, attempts: 0 });
    const message: ChatAnalysisJobMessage = { jobId, tenantId, submittedAt: at, request: chat };
    try {
      await broker.publish({
        exchange: Exchanges.Direct,
        routingKey: RoutingKeys.ChatAnalysis,
        messageId,
        body: Buffer.from(JSON.stringify(message)),
        headers: {
          ...(context === undefined
            ? {}
            : jobMessageHeaders(context, { schemaVersion: CHAT_ANALYSIS_JOB_SCHEMA_VERSION })),
          [MessageHeaderNames.MessageId]: messageId,
        },
        timestamp: now,
      });
    } catch (error) {
      await statuses
        .update(tenantId, jobId, {
          status: JobStatus.Failed,
          error: { code: 'INV-BUS-006', category: 'TRANSIENT', message: 'Not queued.' },
        })
        .catch(() => undefined);
      throw error;
    }
    return { status: 'accepted', jobId } satisfies JobAccepted;
  }

  app.post(
    '/api/v1/chat-analysis/analyze/async',
    {
      bodyLimit: limits.maxBodyBytes,
      config: { errorCodes: CHAT_ERROR_CODES },
      schema: {
        tags: ['chat-analysis'],
        summary: 'Queue a chat for analysis',
        description:
          'Accepts the same body as the synchronous endpoint and answers 202 with a job id once the job is ' +
          'in the queue. Requires X-Tenant-Id; X-Idempotency-Key makes a repeat within 1 h return the same ' +
          'job id (a different body under the same key is refused). Poll `GET /api/v1/chat-analysis/jobs/{jobId}`.',
        body: AnalyzeRequestSchema,
        response: {
          202: StandardResponseSchema(JobAcceptedSchema),
          '4xx': ErrorResponseSchema,
          '5xx': ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const tenantId = requireTenant(request);
      enforceChatLimits(request.body, limits);
      const { value } = await submitOnce(
        guard,
        { tenantId, key: request.invektoContext?.idempotencyKey, request: request.body },
        () => submit(request, tenantId, request.body),
      );
      return reply.code(202).send(success(request, value, { jobId: value.jobId }));
    },
  );

  app.get(
    '/api/v1/chat-analysis/jobs/:jobId',
    {
      schema: {
        tags: ['chat-analysis'],
        summary: 'Status and result of an async job',
        description: 'Only the tenant that submitted a job sees it; any other gets 404.',
        params: Type.Object({ jobId: Type.String({ maxLength: 64 }) }),
        response: {
          200: StandardResponseSchema(JobViewSchema),
          '4xx': ErrorResponseSchema,
          '5xx': ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const tenantId = requireTenant(request);
      const { jobId } = request.params;
      const record = isJobId(jobId) ? await statuses.get(tenantId, jobId) : undefined;
      if (record === undefined) throw new InvektoError('INV-DATA-002');
      const { tenantId: _owner, ...view } = record;
      return success(request, view, { jobId });
    },
  );
}
