import { ErrorResponseSchema, InvektoError, JobViewSchema, StandardResponseSchema } from '@invekto/contracts';
import { success, type HttpApp } from '@invekto/platform/http';
import { isJobId, JOB_LIST_MAX_LIMIT } from '@invekto/platform/jobs';
import { Type } from 'typebox';
import type { BackendJobs } from '../jobs/backend-jobs.js';
import { tenantOf } from '../jobs/job-tenant.js';
import { JobListItemSchema, jobViewOf, listItemOf, needsHotState } from '../jobs/job-view.js';

const DEFAULT_LIST_LIMIT = 20;

/**
 * `GET /api/v1/jobs/{jobId}` and `GET /api/v1/jobs`: a tenant's async jobs (seed 000 §7.3). Another
 * tenant's job answers exactly like one that does not exist (INV-DATA-002, 404), so ids cannot be probed.
 */
export function registerJobRoutes(app: HttpApp, jobs: BackendJobs): void {
  app.get(
    '/api/v1/jobs/:jobId',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Status and result of an async job',
        description:
          'The status as the backend recorded it, refined by what the consumer reports while the job runs ' +
          '(processing, retrying); `result` once done, `error` once failed or dead-lettered. Only the ' +
          'X-Tenant-Id tenant that submitted the job sees it; anyone else gets 404.',
        params: Type.Object({ jobId: Type.String({ maxLength: 64 }) }),
        response: {
          200: StandardResponseSchema(JobViewSchema),
          '4xx': ErrorResponseSchema,
          '5xx': ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const { jobId } = request.params;
      const job = isJobId(jobId) ? await jobs.jobs.get(tenantId, jobId) : undefined;
      if (job === undefined) throw new InvektoError('INV-DATA-002');
      const hot = needsHotState(job) ? await jobs.statuses.get(tenantId, jobId) : undefined;
      return success(request, jobViewOf(job, hot), { jobId });
    },
  );

  app.get(
    '/api/v1/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: "The tenant's recent async jobs",
        description: `Newest first, without results; \`limit\` 1-${JOB_LIST_MAX_LIMIT}, ${DEFAULT_LIST_LIMIT} by default.`,
        // A string, since query values are never coerced (ajv coerceTypes: false); the pattern is 1-100.
        querystring: Type.Object({
          limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: `1-${JOB_LIST_MAX_LIMIT}` })),
        }),
        response: {
          200: StandardResponseSchema(Type.Array(JobListItemSchema)),
          '4xx': ErrorResponseSchema,
          '5xx': ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const limit = request.query.limit === undefined ? DEFAULT_LIST_LIMIT : Number(request.query.limit);
      const recent = await jobs.jobs.listRecent(tenantId, limit);
      const items = await Promise.all(
        recent.map(async (job) =>
          listItemOf(job, needsHotState(job) ? await jobs.statuses.get(tenantId, job.jobId) : undefined),
        ),
      );
      return success(request, items);
    },
  );
}
