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
export { OutboxDispatcher } from './outbox-dispatcher.js';
export {
  OUTBOX_DISPATCHER_DEFAULTS,
  type OutboxDispatchRepository,
  type OutboxDispatcherOptions,
  type OutboxDispatcherSettings,
  type OutboxPublisher,
} from './outbox-dispatcher-options.js';
export type { OutboxDispatcherEvents, OutboxStoreOperation } from './outbox-dispatcher-events.js';
