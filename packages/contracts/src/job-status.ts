/** Lifecycle of an async job, as stored by the backend and mirrored in the key-value store. */
export const JobStatus = {
  Accepted: 'accepted',
  Queued: 'queued',
  Processing: 'processing',
  Retrying: 'retrying',
  Done: 'done',
  Failed: 'failed',
  DeadLettered: 'dead-lettered',
} as const;

export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];

export const TERMINAL_JOB_STATUSES: ReadonlySet<JobStatus> = new Set([
  JobStatus.Done,
  JobStatus.Failed,
  JobStatus.DeadLettered,
]);
