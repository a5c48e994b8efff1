export type { IncrementOptions, KeyValueStore, SetIfAbsentOptions, SetOptions } from './key-value-store.js';
export {
  DEFAULT_KEY_PREFIX,
  KEY_NAMESPACES,
  KeyNamespace,
  KeyNamespaceError,
  keyPartOf,
  MAX_KEY_PART_LENGTH,
  type KeyNamespaceName,
} from './key-namespace.js';
export {
  MEMORY_KEY_VALUE_STORE_DEFAULTS,
  MemoryKeyValueStore,
  type MemoryKeyValueStoreOptions,
} from './memory-key-value-store.js';
export {
  REDIS_KEY_VALUE_STORE_DEFAULTS,
  RedisKeyValueStore,
  type RedisKeyValueStoreOptions,
} from './redis-key-value-store.js';
