import {
  JobViewSchema,
  TERMINAL_JOB_STATUSES,
  type AnalysisResult,
  type ErrorInfo,
  type JobView,
} from '@invekto/contracts';
import type { JobRecord, JobStatusRecord, JobSummary } from '@invekto/platform/jobs';
import { Type, type Static } from 'typebox';

/**
 * A job as `GET /api/v1/jobs` lists it: the view without its result. Derived from JobViewSchema so both
 * share one ErrorInfo schema object; a second copy under the same $id breaks the response serializer.
 */
export const JobListItemSchema = Type.Omit(JobViewSchema, ['result']);
export type JobListItem = Static<typeof JobListItemSchema>;

const CATEGORIES: ReadonlySet<unknown> = new Set(['TRANSIENT', 'PERMANENT', 'UNKNOWN']);

/** The stored error when it has the ErrorInfo shape the callback schema admitted; otherwise nothing. */
function errorInfo(value: unknown): ErrorInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, message, category, details, traceId } = value as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string' || !CATEGORIES.has(category)) return undefined;
  return {
    code,
    message,
    category: category as ErrorInfo['category'],
    ...(details === undefined ? {} : { details }),
    ...(typeof traceId === 'string' ? { traceId } : {}),
  };
}

function later(a: Date, b: string): string {
  const other = Date.parse(b);
  return Number.isNaN(other) || other <= a.getTime() ? a.toISOString() : new Date(other).toISOString();
}

/**
 * A job as the API shows it. The SQL row is the truth (seed 001 §2); while it is not terminal, the
 * key-value record the consumer keeps refines it: processing and retrying, and the outcome the consumer
 * reached before its callback landed (a callback that never lands must not leave the job pending forever).
 */
export function listItemOf(job: JobSummary, hot: JobStatusRecord<AnalysisResult> | undefined): JobListItem {
  const refined = hot !== undefined && !TERMINAL_JOB_STATUSES.has(job.status);
  const error = errorInfo(refined && hot.error !== undefined ? hot.error : job.error);
  return {
    jobId: job.jobId,
    status: refined ? hot.status : job.status,
    createdAt: job.createdAt.toISOString(),
    updatedAt: refined ? later(job.updatedAt, hot.updatedAt) : job.updatedAt.toISOString(),
    attempts: refined ? Math.max(job.attempts, hot.attempts) : job.attempts,
    ...(error === undefined ? {} : { error }),
  };
}

/** {@link listItemOf} with the result, once there is one. */
export function jobViewOf(job: JobRecord, hot: JobStatusRecord<AnalysisResult> | undefined): JobView {
  const item = listItemOf(job, hot);
  const refined = hot !== undefined && !TERMINAL_JOB_STATUSES.has(job.status);
  const result = (refined ? hot.result : undefined) ?? (job.result as AnalysisResult | undefined);
  return item.status === 'done' && result !== undefined ? { ...item, result } : item;
}

/** Whether the key-value record could change what {@link listItemOf} shows for `job`. */
export function needsHotState(job: JobSummary): boolean {
  return !TERMINAL_JOB_STATUSES.has(job.status);
}
