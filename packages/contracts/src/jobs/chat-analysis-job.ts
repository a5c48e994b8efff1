import { Type, type Static } from 'typebox';
import { AnalyzeRequestSchema } from '../chat-analysis/request.js';
import { AnalysisResultSchema } from '../chat-analysis/result.js';
import { ErrorInfoSchema } from '../envelope.js';
import { JobStatusSchema } from './job-status-schema.js';

/** `x-schema-version` of a chat-analysis job message; a consumer dead-letters any other (INV-BUS-004). */
export const CHAT_ANALYSIS_JOB_SCHEMA_VERSION = '1';

const Ulid = Type.String({ pattern: '^[0-7][0-9A-HJKMNP-TV-Z]{25}$' });

/**
 * ErrorInfo without its `$id`: a job view travels inside a StandardResponse, which already holds
 * ErrorInfo, and one schema may not carry the same `$id` twice.
 */
const JobErrorSchema = Type.Object(ErrorInfoSchema.properties, { additionalProperties: false });

/** Body of a message on `invekto.jobs.chat-analysis` (routing key `chat-analysis`). */
export const ChatAnalysisJobMessageSchema = Type.Object(
  {
    jobId: Ulid,
    tenantId: Type.String({ minLength: 1, maxLength: 128 }),
    submittedAt: Type.String({ format: 'date-time' }),
    request: AnalyzeRequestSchema,
    /** Where the consumer POSTs the outcome, signed (see `JobCallbackSchema`); absent on the service path. */
    callbackUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 2048 })),
  },
  { $id: 'ChatAnalysisJobMessage', additionalProperties: false },
);
export type ChatAnalysisJobMessage = Static<typeof ChatAnalysisJobMessageSchema>;

/** The answer to `POST .../analyze/async`: 202 with the job id. */
export const JobAcceptedSchema = Type.Object(
  { status: Type.Literal('accepted'), jobId: Ulid },
  { $id: 'JobAccepted', additionalProperties: false },
);
export type JobAccepted = Static<typeof JobAcceptedSchema>;

/** A job as `GET .../jobs/{id}` shows it; `result` once done, `error` once failed or dead-lettered. */
export const JobViewSchema = Type.Object(
  {
    jobId: Ulid,
    status: JobStatusSchema,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    /** Deliveries that reached the handler so far. */
    attempts: Type.Integer({ minimum: 0 }),
    result: Type.Optional(AnalysisResultSchema),
    error: Type.Optional(JobErrorSchema),
  },
  { $id: 'JobView', additionalProperties: false },
);
export type JobView = Static<typeof JobViewSchema>;

/**
 * Body of the signed callback a consumer POSTs to `callbackUrl` when a job ends: done with its result,
 * or dead-lettered / failed with the error. Headers `x-token-timestamp` and `x-token-signature` (seed 000 §0.3)
 * carry the HMAC (see `@invekto/platform/callback`).
 */
export const JobCallbackSchema = Type.Object(
  {
    jobId: Ulid,
    tenantId: Type.String({ minLength: 1, maxLength: 128 }),
    status: Type.Union([Type.Literal('done'), Type.Literal('failed'), Type.Literal('dead-lettered')]),
    finishedAt: Type.String({ format: 'date-time' }),
    attempts: Type.Integer({ minimum: 0 }),
    result: Type.Optional(AnalysisResultSchema),
    error: Type.Optional(JobErrorSchema),
  },
  { $id: 'JobCallback', additionalProperties: false },
);
export type JobCallback = Static<typeof JobCallbackSchema>;
