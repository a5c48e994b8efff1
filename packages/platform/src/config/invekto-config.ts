export type Environment = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The whole typed configuration; every field comes from an `INVEKTO_*` variable or its default. */
export interface InvektoConfig {
  /** INVEKTO_ENV. @default 'development' */
  readonly env: Environment;
  /** INVEKTO_SERVICE_VERSION, reported in every response's meta. @default '0.1.0' */
  readonly serviceVersion: string;
  readonly log: {
    /** INVEKTO_LOG_LEVEL. @default 'info' */
    readonly level: LogLevel;
    /** INVEKTO_LOG_HASH_SALT: salt for hashing tenantId and chatId in log output (seed 001 §7). */
    readonly hashSalt: string;
  };
  readonly http: {
    /** INVEKTO_HOST: address every HTTP component listens on. @default '127.0.0.1' */
    readonly host: string;
    /** INVEKTO_BODY_LIMIT_BYTES. @default 1048576 */
    readonly bodyLimitBytes: number;
    /** INVEKTO_MAX_IN_FLIGHT: requests one process serves at once before answering 503 (seed 001 §11). @default 256 */
    readonly maxInFlight: number;
    /** INVEKTO_EXPOSE_ERROR_DETAILS: include ops-only `error.details`. @default true except in production */
    readonly exposeErrorDetails: boolean;
    /** INVEKTO_SHUTDOWN_TIMEOUT_MS: how long in-flight requests may take to finish on shutdown. @default 5000 */
    readonly shutdownTimeoutMs: number;
  };
  readonly ports: {
    /** INVEKTO_BACKEND_PORT. @default 8080 */
    readonly backend: number;
    /** INVEKTO_CHAT_ANALYSIS_PORT. @default 5001 */
    readonly chatAnalysis: number;
    /** INVEKTO_ADMIN_PORT. @default 5010 */
    readonly admin: number;
  };
  readonly chatAnalysis: {
    /**
     * INVEKTO_CHAT_ANALYSIS_URL: where the backend reaches the service (nginx in production).
     * @default the chat-analysis API started in the same process
     */
    readonly url: string | undefined;
    /** INVEKTO_CHAT_MAX_MESSAGES. @default 500 */
    readonly maxMessages: number;
    /** INVEKTO_CHAT_MAX_MESSAGE_CHARS. @default 5000 */
    readonly maxMessageChars: number;
    /** INVEKTO_CHAT_MAX_BODY_BYTES. @default 2097152 */
    readonly maxBodyBytes: number;
  };
  /** Overrides of the SyncMicroservice policy used for backend -> service calls (seed 000 §2.8). */
  readonly syncPolicy: {
    /** INVEKTO_SYNC_TIMEOUT_MS: overall budget of one sync call. @default 600 */
    readonly overallTimeoutMs: number;
    /** INVEKTO_SYNC_RETRIES: retries of transient failures; 0 is allowed (seed 001 §3). @default 1 */
    readonly retries: number;
  };
  /** Where state lives. Unset URLs select the embedded adapters, so `invekto up` needs no servers. */
  readonly stores: {
    /** INVEKTO_SQL_URL: PostgreSQL (`postgres://...`). @default undefined (PGlite in `dataDir`) */
    readonly sqlUrl: string | undefined;
    /** INVEKTO_REDIS_URL: Redis (`redis://...`). @default undefined (in-memory key-value store) */
    readonly redisUrl: string | undefined;
    /** INVEKTO_AMQP_URL: RabbitMQ (`amqp://...`, the vhost picks the environment). @default undefined (SQL-backed broker) */
    readonly amqpUrl: string | undefined;
    /** INVEKTO_DATA_DIR: PGlite's data folder; `memory://` keeps nothing. @default '.invekto/data' */
    readonly dataDir: string;
    /** INVEKTO_KEY_PREFIX: prefix of every key-value key, so environments never collide. @default 'invekto:' */
    readonly keyPrefix: string;
  };
  /** The async job runtime (seed 000 §1.3, §3; seed 001 §11). */
  readonly jobs: {
    /** INVEKTO_RETRY_DELAYS_MS: the retry ladder, one delay per rung. @default 2000,10000,30000,120000,600000 */
    readonly retryDelaysMs: readonly number[];
    /** INVEKTO_CONSUMER_PREFETCH: unacknowledged messages a consumer holds. @default 50 */
    readonly consumerPrefetch: number;
    /** INVEKTO_CONSUMER_CONCURRENCY: messages one consumer process handles at once. @default 8 */
    readonly consumerConcurrency: number;
    /**
     * INVEKTO_JOB_CLAIM_TTL_MS: how long a consumer's claim on a message holds without renewal (renewed
     * every third of it while the job runs): a consumer killed mid-job frees its jobs this long after. @default 30000
     */
    readonly claimTtlMs: number;
    /** INVEKTO_CALLBACK_SECRET: HMAC key signing result callbacks to the backend. Required in production. */
    readonly callbackSecret: string;
    /** INVEKTO_CALLBACK_MAX_AGE_MS: how long a signed callback stays valid. @default 300000 */
    readonly callbackMaxAgeMs: number;
    /** INVEKTO_BACKEND_URL: where consumers deliver callbacks for the backend. @default the backend of this process */
    readonly backendUrl: string | undefined;
  };
}
