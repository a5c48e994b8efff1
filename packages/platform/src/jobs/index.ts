export { isJobId, newJobId, newMessageId } from './job-ids.js';
export {
  JobRepository,
  JOB_LIST_MAX_LIMIT,
  type JobOutcome,
  type JobRecord,
  type JobRepositoryOptions,
  type JobSummary,
  type NewJob,
  type OutcomeRecording,
} from './job-repository.js';
export {
  JOB_STATUS_STORE_DEFAULTS,
  JobStatusStore,
  type JobStatusPatch,
  type JobStatusRecord,
  type JobStatusStoreOptions,
  type JobStatusWrite,
  type NewJobStatus,
} from './job-status-store.js';
