/** The named policies of seed 000 §2.3 and App. G.2; every outgoing call runs under one of them. */
export const PolicyNames = {
  /** Backend -> microservice, inside the 600 ms sync budget. */
  SyncMicroservice: 'SyncMicroservice',
  /** RabbitMQ consumer work; retries belong to the retry ladder, not to this policy. */
  AsyncJob: 'AsyncJob',
  /** Redis commands. */
  RedisOperation: 'RedisOperation',
  /** Third-party HTTP APIs. */
  ExternalApi: 'ExternalApi',
  /** SQL queries. */
  DatabaseQuery: 'DatabaseQuery',
} as const;

export type PolicyName = (typeof PolicyNames)[keyof typeof PolicyNames];

const NAMES: ReadonlySet<string> = new Set(Object.values(PolicyNames));

export function isPolicyName(value: unknown): value is PolicyName {
  return typeof value === 'string' && NAMES.has(value);
}
