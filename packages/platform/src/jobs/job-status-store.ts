import { JobStatus, TERMINAL_JOB_STATUSES, type ErrorInfo } from '@invekto/contracts';
import { ConfigError } from '../config/config-error.js';
import { KeyNamespace, type KeyValueStore } from '../store/key-value/index.js';
import { isJobId } from './job-ids.js';

/**
 * A job's hot state in the key-value store, `invekto:job:{jobId}` (seed 000 §1.2, seed 001 §5).
 * `Result` is the job's result type (`AnalysisResult` for chat analysis); it is stored as JSON, not checked.
 */
export interface JobStatusRecord<Result = unknown> {
  readonly jobId: string;
  readonly tenantId: string;
  readonly status: JobStatus;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601; every accepted write moves it. */
  readonly updatedAt: string;
  /** Deliveries that reached a handler; never goes down. */
  readonly attempts: number;
  readonly result?: Result;
  /** Why the last try failed, or how the job ended when it failed. */
  readonly error?: ErrorInfo;
}

/** What a writer changes; fields left out keep their stored value. */
export interface JobStatusPatch<Result = unknown> {
  readonly status?: JobStatus | undefined;
  readonly attempts?: number | undefined;
  readonly result?: Result | undefined;
  readonly error?: ErrorInfo | undefined;
}

/** A record to write with {@link JobStatusStore.put}. */
export interface NewJobStatus<Result = unknown> extends JobStatusPatch<Result> {
  readonly jobId: string;
  readonly tenantId: string;
  readonly status: JobStatus;
  /** When the job was submitted; kept from the stored record when there is one. @default now */
  readonly createdAt?: string | Date | undefined;
  /** @default now */
  readonly updatedAt?: string | Date | undefined;
}

/** The outcome of a write: whether it changed the record, and the record as it now stands. */
export interface JobStatusWrite<Result = unknown> {
  /** `false` when the stored record was already terminal, so the write was dropped. */
  readonly applied: boolean;
  readonly record: JobStatusRecord<Result>;
}

export interface JobStatusStoreOptions {
  readonly store: KeyValueStore;
  /** Builds `invekto:job:{jobId}`; a test run passes its own prefix. @default new KeyNamespace() */
  readonly keys?: KeyNamespace | undefined;
  /** Expiry of a record, renewed by every accepted write. @default 604800000 (7 days, seed 000 §1.2) */
  readonly ttlMs?: number | undefined;
  /** Clock in epoch milliseconds for `createdAt` / `updatedAt`. @default Date.now */
  readonly now?: (() => number) | undefined;
}

export const JOB_STATUS_STORE_DEFAULTS = Object.freeze({
  /** `invekto:job:{jobId}` lives 7 days (seed 000 §1.2). */
  ttlMs: 7 * 24 * 60 * 60_000,
});

/** Rounds of read-then-compare-and-set before a write gives up on a key that keeps changing under it. */
const MAX_WRITE_ROUNDS = 64;
const STATUSES: ReadonlySet<string> = new Set(Object.values(JobStatus));

/**
 * Job status in the key-value store: what consumers report while a job runs (processing, retrying) and
 * how it ended, read by the backend's `GET /jobs/{id}` between the SQL row's accepted and terminal states.
 *
 * Every write is a compare-and-set loop, so concurrent writers never lose each other's terminal status:
 * once a record is terminal (done, failed, dead-lettered) it never changes again, and a late or
 * duplicate write reports `applied: false`. Records are tenant-scoped: reading or updating with another
 * tenant sees nothing.
 */
export class JobStatusStore<Result = unknown> {
  readonly #store: KeyValueStore;
  readonly #keys: KeyNamespace;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: JobStatusStoreOptions) {
    if (options?.store === undefined) throw new ConfigError('store', 'is required');
    const ttlMs = options.ttlMs ?? JOB_STATUS_STORE_DEFAULTS.ttlMs;
    if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
      throw new ConfigError('ttlMs', `must be a whole number of milliseconds greater than 0, got ${String(ttlMs)}`);
    }
    this.#store = options.store;
    this.#keys = options.keys ?? new KeyNamespace();
    this.#ttlMs = ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** The store key of `jobId`. */
  keyFor(jobId: string): string {
    return this.#keys.job(jobId);
  }

  /**
   * Writes `record`, creating it or updating the stored one as {@link update} would (a terminal record
   * stays as it is). Rejects with a RangeError for a bad field, and with an Error when the job id is
   * stored for another tenant.
   */
  async put(record: NewJobStatus<Result>): Promise<JobStatusWrite<Result>> {
    const createdAt = record.createdAt === undefined ? undefined : toIso('createdAt', record.createdAt);
    const updatedAt = record.updatedAt === undefined ? undefined : toIso('updatedAt', record.updatedAt);
    const written = await this.#write(record.tenantId, record.jobId, record, { createdAt, updatedAt });
    if (written === undefined) throw new Error(`Job ${record.jobId} is stored for another tenant.`);
    return written;
  }

  /** The record, or `undefined` when there is none for `tenantId` (another tenant's record included). */
  async get(tenantId: string, jobId: string): Promise<JobStatusRecord<Result> | undefined> {
    if (!isJobId(jobId)) return undefined;
    const raw = await this.#store.get(this.keyFor(jobId));
    if (raw === undefined) return undefined;
    const record = parseRecord<Result>(this.keyFor(jobId), raw);
    return record.tenantId === tenantId ? record : undefined;
  }

  /**
   * Applies `patch` to the job's record. A job nobody has written yet gets a record (status `accepted`
   * unless the patch names one), since a consumer may see a job before its status was first written.
   * Resolves `undefined`, writing nothing, when the record belongs to another tenant; `applied: false`
   * when it is already terminal.
   */
  async update(
    tenantId: string,
    jobId: string,
    patch: JobStatusPatch<Result>,
  ): Promise<JobStatusWrite<Result> | undefined> {
    return this.#write(tenantId, jobId, patch, {});
  }

  /** Resolves when the key-value store answers; for readiness checks. */
  ping(): Promise<void> {
    return this.#store.ping();
  }

  async #write(
    tenantId: string,
    jobId: string,
    patch: JobStatusPatch<Result>,
    stamps: { readonly createdAt?: string | undefined; readonly updatedAt?: string | undefined },
  ): Promise<JobStatusWrite<Result> | undefined> {
    checkIdentity(tenantId, jobId);
    checkPatch(patch);
    const key = this.keyFor(jobId);
    for (let round = 0; round < MAX_WRITE_ROUNDS; round += 1) {
      const now = stamps.updatedAt ?? new Date(this.#now()).toISOString();
      const raw = await this.#store.get(key);
      if (raw === undefined) {
        const record = merge(
          {
            jobId,
            tenantId,
            status: JobStatus.Accepted,
            createdAt: stamps.createdAt ?? now,
            updatedAt: now,
            attempts: 0,
          },
          patch,
          now,
        );
        if (await this.#store.setIfAbsent(key, JSON.stringify(record), { ttlMs: this.#ttlMs })) {
          return { applied: true, record };
        }
        continue;
      }
      const current = parseRecord<Result>(key, raw);
      if (current.tenantId !== tenantId) return undefined;
      if (TERMINAL_JOB_STATUSES.has(current.status)) return { applied: false, record: current };
      const next = merge(current, patch, now);
      if (await this.#store.compareAndSet(key, raw, JSON.stringify(next), { ttlMs: this.#ttlMs })) {
        return { applied: true, record: next };
      }
    }
    throw new Error(`Job status ${key} kept changing over ${MAX_WRITE_ROUNDS} attempts to write it.`);
  }
}

function merge<Result>(
  current: JobStatusRecord<Result>,
  patch: JobStatusPatch<Result>,
  now: string,
): JobStatusRecord<Result> {
  const record: { -readonly [K in keyof JobStatusRecord<Result>]: JobStatusRecord<Result>[K] } = {
    jobId: current.jobId,
    tenantId: current.tenantId,
    status: patch.status ?? current.status,
    createdAt: current.createdAt,
    updatedAt: now,
    attempts: Math.max(current.attempts, patch.attempts ?? 0),
  };
  const result = patch.result === undefined ? current.result : patch.result;
  const error = patch.error === undefined ? current.error : patch.error;
  if (result !== undefined) record.result = result;
  if (error !== undefined) record.error = error;
  return record;
}

function checkIdentity(tenantId: unknown, jobId: unknown): void {
  if (typeof tenantId !== 'string' || tenantId.length === 0)
    throw new RangeError('tenantId must be a non-empty string.');
  if (!isJobId(jobId)) throw new RangeError(`jobId must be a ULID, got ${JSON.stringify(jobId)}.`);
}

function checkPatch(patch: JobStatusPatch<unknown>): void {
  if (typeof patch !== 'object' || patch === null) throw new RangeError('A job status patch must be an object.');
  if (patch.status !== undefined && !STATUSES.has(patch.status)) {
    throw new RangeError(`status must be a JobStatus, got ${JSON.stringify(patch.status)}.`);
  }
  if (patch.attempts !== undefined && (!Number.isSafeInteger(patch.attempts) || patch.attempts < 0)) {
    throw new RangeError(`attempts must be a whole number >= 0, got ${String(patch.attempts)}.`);
  }
}

function toIso(field: string, value: string | Date): string {
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`${field} must be a date or an ISO 8601 string.`);
  return new Date(time).toISOString();
}

function parseRecord<Result>(key: string, raw: string): JobStatusRecord<Result> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (isRecord(value)) return value as JobStatusRecord<Result>;
  throw new Error(`Job status key ${key} holds a value that is not a job status record.`);
}

function isRecord(value: unknown): value is JobStatusRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['jobId'] === 'string' &&
    typeof record['tenantId'] === 'string' &&
    typeof record['status'] === 'string' &&
    STATUSES.has(record['status']) &&
    typeof record['createdAt'] === 'string' &&
    typeof record['updatedAt'] === 'string' &&
    typeof record['attempts'] === 'number'
  );
}
