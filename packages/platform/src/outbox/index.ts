export {
  OUTBOX_PAYLOAD_MAX_BYTES,
  encodeOutboxMessage,
  validateOutboxMessage,
  type EncodedOutboxMessage,
  type OutboxMessage,
} from './outbox-message.js';
export { writeOutbox } from './outbox-writer.js';
export {
  OutboxRepository,
  type ClaimBatchOptions,
  type ClaimedOutboxMessage,
  type OutboxBacklog,
  type OutboxRepositoryOptions,
  type PurgeDispatchedOptions,
} from './outbox-repository.js';
