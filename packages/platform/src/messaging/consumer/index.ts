export {
  JobConsumer,
  JOB_CONSUMER_DEFAULTS,
  type ConsumedMessage,
  type DeadLetteredInfo,
  type JobConsumerOptions,
  type JobHandler,
  type RetryScheduledInfo,
} from './job-consumer.js';
export type { JobConsumerEvents } from './job-consumer-events.js';
export { DlqReason, decideOnFailure, type FailureDecision, type FailureFacts } from './failure-decision.js';
export { retryHistory, type FailureInfo, type RetryHistoryEntry } from './failure-headers.js';
export { contextFromMessage } from './message-context.js';
