import { randomBytes } from 'node:crypto';
import { ConfigError } from './config-error.js';
import {
  boolean,
  host,
  httpUrl,
  integer,
  integerList,
  nonEmpty,
  oneOf,
  port,
  urlWithProtocol,
  type EnvParser,
} from './env-parsers.js';
import type { Environment, InvektoConfig, LogLevel } from './invekto-config.js';

type Env = Readonly<Record<string, string | undefined>>;

const ENVIRONMENTS = ['development', 'test', 'production'] as const satisfies readonly Environment[];
const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const satisfies readonly LogLevel[];

function read<T>(env: Env, variable: string, parse: EnvParser<T>, fallback: T): T {
  const raw = env[variable];
  return raw === undefined || raw === '' ? fallback : parse(raw, variable);
}

const keyPrefix: EnvParser<string> = (raw, variable) => {
  const value = raw.trim();
  if (!/^[^:\s]+(?::[^:\s]+)*:$/u.test(value)) {
    throw new ConfigError(variable, `must be words separated by ':' ending with ':', got "${raw}"`);
  }
  return value;
};

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return Object.freeze(value);
}

/**
 * Builds the configuration from `INVEKTO_*` variables over embedded defaults.
 * A bad value throws a ConfigError naming the variable, so start-up stops before anything listens.
 */
export function loadConfig(env: Env = process.env): InvektoConfig {
  const environment = read(env, 'INVEKTO_ENV', oneOf(ENVIRONMENTS), 'development');
  const production = environment === 'production';
  const chatAnalysisPort = read(env, 'INVEKTO_CHAT_ANALYSIS_PORT', port, 5001);
  const listenHost = read(env, 'INVEKTO_HOST', host, '127.0.0.1');
  const hashSalt = read(env, 'INVEKTO_LOG_HASH_SALT', nonEmpty, '');
  if (production && hashSalt === '') {
    throw new ConfigError('INVEKTO_LOG_HASH_SALT', 'must be set in production');
  }
  const callbackSecret = read(env, 'INVEKTO_CALLBACK_SECRET', nonEmpty, '');
  if (production && callbackSecret.length < 32) {
    throw new ConfigError('INVEKTO_CALLBACK_SECRET', 'must be set to at least 32 characters in production');
  }
  return deepFreeze({
    env: environment,
    serviceVersion: read(env, 'INVEKTO_SERVICE_VERSION', nonEmpty, '0.1.0'),
    log: {
      level: read(env, 'INVEKTO_LOG_LEVEL', oneOf(LOG_LEVELS), 'info'),
      // Without a configured salt, hashes are stable within one process only.
      hashSalt: hashSalt === '' ? randomBytes(16).toString('hex') : hashSalt,
    },
    http: {
      host: listenHost,
      bodyLimitBytes: read(env, 'INVEKTO_BODY_LIMIT_BYTES', integer(1024, 64 * 1024 * 1024), 1024 * 1024),
      maxInFlight: read(env, 'INVEKTO_MAX_IN_FLIGHT', integer(1, 100_000), 256),
      exposeErrorDetails: read(env, 'INVEKTO_EXPOSE_ERROR_DETAILS', boolean, !production),
      shutdownTimeoutMs: read(env, 'INVEKTO_SHUTDOWN_TIMEOUT_MS', integer(0, 600_000), 5_000),
    },
    ports: {
      backend: read(env, 'INVEKTO_BACKEND_PORT', port, 8080),
      chatAnalysis: chatAnalysisPort,
      admin: read(env, 'INVEKTO_ADMIN_PORT', port, 5010),
    },
    chatAnalysis: {
      url: read<string | undefined>(env, 'INVEKTO_CHAT_ANALYSIS_URL', httpUrl, undefined),
      maxMessages: read(env, 'INVEKTO_CHAT_MAX_MESSAGES', integer(1, 10_000), 500),
      maxMessageChars: read(env, 'INVEKTO_CHAT_MAX_MESSAGE_CHARS', integer(1, 1_000_000), 5_000),
      maxBodyBytes: read(env, 'INVEKTO_CHAT_MAX_BODY_BYTES', integer(1024, 64 * 1024 * 1024), 2 * 1024 * 1024),
    },
    syncPolicy: {
      // seed 000 §2.8: 600 ms overall, one retry of transient failures.
      overallTimeoutMs: read(env, 'INVEKTO_SYNC_TIMEOUT_MS', integer(10, 60_000), 600),
      retries: read(env, 'INVEKTO_SYNC_RETRIES', integer(0, 5), 1),
    },
    stores: {
      sqlUrl: read<string | undefined>(
        env,
        'INVEKTO_SQL_URL',
        urlWithProtocol(['postgres:', 'postgresql:']),
        undefined,
      ),
      redisUrl: read<string | undefined>(env, 'INVEKTO_REDIS_URL', urlWithProtocol(['redis:', 'rediss:']), undefined),
      amqpUrl: read<string | undefined>(env, 'INVEKTO_AMQP_URL', urlWithProtocol(['amqp:', 'amqps:']), undefined),
      dataDir: read(env, 'INVEKTO_DATA_DIR', nonEmpty, '.invekto/data'),
      keyPrefix: read(env, 'INVEKTO_KEY_PREFIX', keyPrefix, 'invekto:'),
    },
    jobs: {
      // seed 000 §1.3: 2 s, 10 s, 30 s, 2 m, 10 m.
      retryDelaysMs: read(
        env,
        'INVEKTO_RETRY_DELAYS_MS',
        integerList(1, 2 ** 32 - 1),
        [2_000, 10_000, 30_000, 120_000, 600_000],
      ),
      consumerPrefetch: read(env, 'INVEKTO_CONSUMER_PREFETCH', integer(1, 10_000), 50),
      consumerConcurrency: read(env, 'INVEKTO_CONSUMER_CONCURRENCY', integer(1, 1_000), 8),
      claimTtlMs: read(env, 'INVEKTO_JOB_CLAIM_TTL_MS', integer(300, 3_600_000), 30_000),
      // Without a configured secret, callbacks verify only within one process (like the log salt).
      callbackSecret: callbackSecret === '' ? randomBytes(32).toString('hex') : callbackSecret,
      callbackMaxAgeMs: read(env, 'INVEKTO_CALLBACK_MAX_AGE_MS', integer(1_000, 3_600_000), 300_000),
      backendUrl: read<string | undefined>(env, 'INVEKTO_BACKEND_URL', httpUrl, undefined),
    },
  });
}
