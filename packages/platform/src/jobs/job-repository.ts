import { JobStatus, TERMINAL_JOB_STATUSES } from '@invekto/contracts';
import { ConfigError } from '../config/config-error.js';
import type { SqlExecutor } from '../store/sql/sql-store.js';
import { isJobId } from './job-ids.js';

/** A job to insert with {@link JobRepository.create}. */
export interface NewJob {
  /** A ULID (`newJobId`). */
  readonly jobId: string;
  /** 1-128 characters. */
  readonly tenantId: string;
  /** What the job does, e.g. `'chat-analysis'`. */
  readonly kind: string;
  /** The job's input: any JSON value. */
  readonly payload: unknown;
  /** `x-message-id` of the outbox message that carries the job. @default undefined */
  readonly messageId?: string | undefined;
  /** A non-terminal status. @default 'accepted' */
  readonly status?: JobStatus | undefined;
  /** Stamps `created_at` and `updated_at`. @default the repository's clock */
  readonly createdAt?: Date | undefined;
}

/** A row of the `jobs` table. */
export interface JobRecord {
  readonly jobId: string;
  readonly tenantId: string;
  readonly kind: string;
  readonly status: JobStatus;
  readonly payload: unknown;
  /** Set once done. */
  readonly result: unknown;
  /** Set once failed or dead-lettered (an `ErrorInfo` for chat analysis). */
  readonly error: unknown;
  /** Deliveries that reached a handler, as the last outcome reported them. */
  readonly attempts: number;
  readonly messageId: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** When the job reached its terminal status. */
  readonly finishedAt: Date | undefined;
}

/** A job as {@link JobRepository.listRecent} lists it: without its input and result, which may be large. */
export type JobSummary = Omit<JobRecord, 'payload' | 'result'>;

interface OutcomeFields {
  /** Deliveries so far; the stored count never goes down. @default 0 */
  readonly attempts?: number | undefined;
  /** When the work ended, as the reporter saw it. @default the repository's clock */
  readonly finishedAt?: Date | undefined;
}

/** How a job ended: done with its result, or failed / dead-lettered with its error. */
export type JobOutcome =
  | (OutcomeFields & { readonly status: typeof JobStatus.Done; readonly result: unknown })
  | (OutcomeFields & {
      readonly status: typeof JobStatus.Failed | typeof JobStatus.DeadLettered;
      readonly error: unknown;
    });

/** What {@link JobRepository.recordOutcome} did. */
export type OutcomeRecording =
  /** The job moved to its terminal status; `job` is the updated row. */
  | { readonly outcome: 'recorded'; readonly job: JobRecord }
  /** The job had already ended (a replayed or late callback); nothing changed and `job` is as stored. */
  | { readonly outcome: 'already-finished'; readonly job: JobRecord }
  /** No such job for this tenant. */
  | { readonly outcome: 'not-found' };

export interface JobRepositoryOptions {
  /**
   * The clock, in epoch milliseconds, that stamps `created_at`, `updated_at` and `finished_at`.
   * @default undefined (the database clock, `now()`)
   */
  readonly now?: (() => number) | undefined;
}

/** Most jobs one {@link JobRepository.listRecent} call returns. */
export const JOB_LIST_MAX_LIMIT = 100;

const MAX_TENANT_ID_LENGTH = 128;
// PostgreSQL's jsonb cannot store the NUL character; refuse it here rather than as SQL error 22P05.
const ESCAPED_NUL = /(^|[^\\])(\\\\)*\\u0000/;
const TERMINAL_SQL_LIST = [...TERMINAL_JOB_STATUSES].map((status) => `'${status}'`).join(', ');
const SUMMARY_COLUMNS =
  'job_id, tenant_id, kind, status, error, attempts, message_id, created_at, updated_at, finished_at';
const COLUMNS = `${SUMMARY_COLUMNS}, payload, result`;
const STATUSES: ReadonlySet<string> = new Set(Object.values(JobStatus));

interface JobRow {
  job_id: string;
  tenant_id: string;
  kind: string;
  status: JobStatus;
  payload?: unknown;
  result?: unknown;
  error: unknown;
  attempts: number;
  message_id: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

function toSummary(row: JobRow): JobSummary {
  return {
    jobId: row.job_id,
    tenantId: row.tenant_id,
    kind: row.kind,
    status: row.status,
    error: row.error ?? undefined,
    attempts: row.attempts,
    messageId: row.message_id ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at ?? undefined,
  };
}

function toRecord(row: JobRow): JobRecord {
  return { ...toSummary(row), payload: row.payload, result: row.result ?? undefined };
}

function requireTenantId(tenantId: unknown): string {
  if (typeof tenantId !== 'string' || tenantId.length === 0 || tenantId.length > MAX_TENANT_ID_LENGTH) {
    throw new RangeError(`tenantId must be 1-${MAX_TENANT_ID_LENGTH} characters, got ${JSON.stringify(tenantId)}.`);
  }
  return tenantId;
}

function requireJobId(jobId: unknown): string {
  if (!isJobId(jobId)) throw new RangeError(`jobId must be a ULID, got ${JSON.stringify(jobId)}.`);
  return jobId;
}

function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new RangeError(`${field} must be a non-empty string.`);
  return value;
}

function requireDate(field: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${field} must be a valid Date.`);
  return value;
}

function requireAttempts(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`attempts must be a whole number >= 0, got ${String(value)}.`);
  }
  return value;
}

/** The jsonb text of `value`; a RangeError names `field` when it cannot be stored. */
function jsonb(field: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value) as string | undefined;
  } catch (error) {
    throw new RangeError(`${field} must be JSON-serialisable.`, { cause: error });
  }
  if (json === undefined) throw new RangeError(`${field} must be a JSON value.`);
  if (ESCAPED_NUL.test(json)) throw new RangeError(`${field} must not contain NUL characters.`);
  return json;
}

/**
 * The backend's record of async jobs (seed 001 §2: the backend is the source of truth). A job is
 * created in the caller's transaction beside its outbox row (seed 000 §3.3), read back only by its own
 * tenant, and ended once by {@link recordOutcome}; a terminal job never changes again.
 */
export class JobRepository {
  readonly #store: SqlExecutor;
  readonly #now: (() => number) | undefined;

  /** `store` runs the reads and `recordOutcome`; `create` runs on the executor it is given. */
  constructor(store: SqlExecutor, options: JobRepositoryOptions = {}) {
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new ConfigError('now', 'must be a function returning epoch milliseconds');
    }
    this.#store = store;
    this.#now = options.now;
  }

  /**
   * Inserts `job` through `tx`, the executor of the caller's transaction, so the job commits or rolls
   * back with whatever is written beside it (its outbox message). Rejects with a RangeError for a bad
   * field before any SQL runs; a `jobId` already taken rejects with PostgreSQL's unique violation
   * (SQLSTATE 23505), which aborts the transaction.
   */
  async create(tx: SqlExecutor, job: NewJob): Promise<JobRecord> {
    const status = job.status ?? JobStatus.Accepted;
    if (!STATUSES.has(status) || TERMINAL_JOB_STATUSES.has(status)) {
      throw new RangeError(`A new job's status must be a non-terminal JobStatus, got ${JSON.stringify(status)}.`);
    }
    const messageId = job.messageId === undefined ? null : requireText('messageId', job.messageId);
    const createdAt = job.createdAt === undefined ? this.#clock() : requireDate('createdAt', job.createdAt);
    const { rows } = await tx.query<JobRow>(
      `INSERT INTO jobs (job_id, tenant_id, kind, status, payload, message_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, coalesce($7::timestamptz, now()), coalesce($7::timestamptz, now()))
       RETURNING ${COLUMNS}`,
      [
        requireJobId(job.jobId),
        requireTenantId(job.tenantId),
        requireText('kind', job.kind),
        status,
        jsonb('payload', job.payload),
        messageId,
        createdAt,
      ],
    );
    const row = rows[0];
    if (row === undefined) throw new Error('INSERT INTO jobs returned no row.');
    return toRecord(row);
  }

  /** The job, or `undefined` when there is none for `tenantId` (another tenant's job included) or `jobId` is not a ULID. */
  async get(tenantId: string, jobId: string): Promise<JobRecord | undefined> {
    if (!isJobId(jobId)) return undefined;
    const { rows } = await this.#store.query<JobRow>(
      `SELECT ${COLUMNS} FROM jobs WHERE job_id = $1 AND tenant_id = $2`,
      [jobId, requireTenantId(tenantId)],
    );
    const row = rows[0];
    return row === undefined ? undefined : toRecord(row);
  }

  /** The tenant's newest jobs first, at most `limit` (1 to {@link JOB_LIST_MAX_LIMIT}). */
  async listRecent(tenantId: string, limit: number): Promise<JobSummary[]> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > JOB_LIST_MAX_LIMIT) {
      throw new RangeError(`limit must be a whole number from 1 to ${JOB_LIST_MAX_LIMIT}, got ${String(limit)}.`);
    }
    const { rows } = await this.#store.query<JobRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM jobs WHERE tenant_id = $1 ORDER BY created_at DESC, job_id DESC LIMIT $2`,
      [requireTenantId(tenantId), limit],
    );
    return rows.map(toSummary);
  }

  /**
   * Ends a non-terminal job with `outcome`, in one conditional UPDATE: of any number of concurrent or
   * replayed calls exactly one records, and the rest report `already-finished` and change nothing, not
   * even when their outcome differs from the stored one. `attempts` only grows.
   */
  async recordOutcome(tenantId: string, jobId: string, outcome: JobOutcome): Promise<OutcomeRecording> {
    const tenant = requireTenantId(tenantId);
    if (!isJobId(jobId)) return { outcome: 'not-found' };
    const attempts = requireAttempts(outcome.attempts ?? 0);
    const finishedAt = outcome.finishedAt === undefined ? this.#clock() : requireDate('finishedAt', outcome.finishedAt);
    let result: string | null = null;
    let error: string | null = null;
    switch (outcome.status) {
      case JobStatus.Done:
        result = jsonb('result', outcome.result);
        break;
      case JobStatus.Failed:
      case JobStatus.DeadLettered:
        error = jsonb('error', outcome.error);
        break;
      default:
        throw new RangeError(
          `An outcome's status must be done, failed or dead-lettered, got ${JSON.stringify((outcome as { status: unknown }).status)}.`,
        );
    }
    const { rows } = await this.#store.query<JobRow>(
      `UPDATE jobs
       SET status = $3, result = $4::jsonb, error = $5::jsonb, attempts = greatest(attempts, $6),
           finished_at = coalesce($7::timestamptz, now()), updated_at = coalesce($8::timestamptz, now())
       WHERE job_id = $1 AND tenant_id = $2 AND status NOT IN (${TERMINAL_SQL_LIST})
       RETURNING ${COLUMNS}`,
      [jobId, tenant, outcome.status, result, error, attempts, finishedAt, this.#clock()],
    );
    const updated = rows[0];
    if (updated !== undefined) return { outcome: 'recorded', job: toRecord(updated) };
    const existing = await this.get(tenant, jobId);
    return existing === undefined ? { outcome: 'not-found' } : { outcome: 'already-finished', job: existing };
  }

  #clock(): Date | null {
    return this.#now === undefined ? null : new Date(this.#now());
  }
}
