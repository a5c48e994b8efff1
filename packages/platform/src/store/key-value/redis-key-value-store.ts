import { InvektoError, isInvektoError } from '@invekto/contracts';
import { Redis } from 'ioredis';
import {
  assertIncrement,
  assertKey,
  assertTtlMs,
  assertValue,
  closedError,
  notAnIntegerError,
} from './key-value-arguments.js';
import type { IncrementOptions, KeyValueStore, SetIfAbsentOptions, SetOptions } from './key-value-store.js';

export interface RedisKeyValueStoreOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
  readonly url: string;
  /**
   * Put in front of every key by the client, Lua script keys included, so one Redis can hold several
   * environments or test runs apart. Keys built with `KeyNamespace` already start with `invekto:`.
   * @default ''
   */
  readonly keyPrefix?: string;
  /** A command without an answer after this long rejects with `INV-NET-001`. @default 2_000 */
  readonly commandTimeoutMs?: number;
  /** How long opening a connection may take before the attempt counts as failed. @default 2_000 */
  readonly connectTimeoutMs?: number;
  /**
   * Reconnect attempts a waiting command sits through before it rejects with `INV-NET-002`. Kept low so
   * a caller learns Redis is down within a few hundred milliseconds; the client keeps reconnecting.
   * @default 1
   */
  readonly maxRetriesPerRequest?: number;
}

export const REDIS_KEY_VALUE_STORE_DEFAULTS = Object.freeze({
  keyPrefix: '',
  commandTimeoutMs: 2_000,
  connectTimeoutMs: 2_000,
  maxRetriesPerRequest: 1,
  /** Longest pause between reconnect attempts. */
  maxReconnectDelayMs: 2_000,
});

// Both scripts run atomically on the server: nothing can slip between the read and the write.
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if current ~= ARGV[1] then return 0 end
if ARGV[3] == '' then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1
`;

const INCREMENT = `
local existed = redis.call('EXISTS', KEYS[1])
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 and ARGV[2] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value
`;

interface ScriptCommands {
  invektoCompareAndSet(key: string, expected: string, next: string, ttlMs: string): Promise<number>;
  invektoIncrement(key: string, by: string, ttlMs: string): Promise<number>;
}

/** Redis replies that mean "try again later" rather than "this request is wrong". */
const TRANSIENT_REPLY = /^(OOM|LOADING|BUSY|TRYAGAIN|MASTERDOWN|READONLY|CLUSTERDOWN)\b/;

/**
 * The distributed `KeyValueStore` on Redis 6.0+ (`KEEPTTL`). Connects at construction and reconnects
 * by itself. Calls made while the first connection opens wait for it; once an attempt has failed, calls
 * reject at once with `INV-NET-002` until Redis is back, and a call without an answer rejects with
 * `INV-NET-001` after `commandTimeoutMs`, so a caller never hangs on a Redis that is down.
 */
export class RedisKeyValueStore implements KeyValueStore {
  readonly #redis: Redis;
  readonly #scripts: ScriptCommands;
  readonly #address: string;
  #lastConnectionError: Error | undefined;
  #closed = false;

  constructor(options: RedisKeyValueStoreOptions) {
    const settings = { ...REDIS_KEY_VALUE_STORE_DEFAULTS, ...stripUndefined(options) };
    const url = parseUrl(settings.url);
    this.#address = `${url.hostname}:${url.port || '6379'}`;
    for (const field of ['commandTimeoutMs', 'connectTimeoutMs'] as const) {
      if (!Number.isSafeInteger(settings[field]) || settings[field] <= 0) {
        throw new RangeError(`${field} must be a whole number of milliseconds above 0, got ${settings[field]}.`);
      }
    }
    if (!Number.isSafeInteger(settings.maxRetriesPerRequest) || settings.maxRetriesPerRequest < 0) {
      throw new RangeError(`maxRetriesPerRequest must be a whole number, got ${settings.maxRetriesPerRequest}.`);
    }
    this.#redis = new Redis(settings.url, {
      keyPrefix: settings.keyPrefix,
      lazyConnect: false,
      commandTimeout: settings.commandTimeoutMs,
      connectTimeout: settings.connectTimeoutMs,
      maxRetriesPerRequest: settings.maxRetriesPerRequest,
      retryStrategy: (attempt) => Math.min(attempt * 100, settings.maxReconnectDelayMs),
    });
    // Without a listener ioredis prints every failed reconnect; the error reaches callers as the cause instead.
    this.#redis.on('error', (error: Error) => {
      this.#lastConnectionError = error;
    });
    this.#redis.on('ready', () => {
      this.#lastConnectionError = undefined;
    });
    this.#redis.defineCommand('invektoCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
    this.#redis.defineCommand('invektoIncrement', { numberOfKeys: 1, lua: INCREMENT });
    this.#scripts = this.#redis as unknown as ScriptCommands;
  }

  async get(key: string): Promise<string | undefined> {
    this.#check(key);
    const value = await this.#run('get', key, () => this.#redis.get(key));
    return value ?? undefined;
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<void> {
    this.#check(key);
    assertValue('value', value);
    const { ttlMs } = options;
    assertTtlMs(ttlMs);
    await this.#run('set', key, () =>
      ttlMs === undefined ? this.#redis.set(key, value) : this.#redis.set(key, value, 'PX', ttlMs),
    );
  }

  async setIfAbsent(key: string, value: string, options: SetIfAbsentOptions): Promise<boolean> {
    this.#check(key);
    assertValue('value', value);
    if (options?.ttlMs === undefined) throw new RangeError('setIfAbsent needs a ttlMs.');
    assertTtlMs(options.ttlMs);
    const reply = await this.#run('setIfAbsent', key, () => this.#redis.set(key, value, 'PX', options.ttlMs, 'NX'));
    return reply === 'OK';
  }

  async compareAndSet(key: string, expected: string, next: string, options: SetOptions = {}): Promise<boolean> {
    this.#check(key);
    assertValue('expected', expected);
    assertValue('next', next);
    assertTtlMs(options.ttlMs);
    const ttl = options.ttlMs === undefined ? '' : String(options.ttlMs);
    const reply = await this.#run('compareAndSet', key, () =>
      this.#scripts.invektoCompareAndSet(key, expected, next, ttl),
    );
    return reply === 1;
  }

  async delete(key: string): Promise<boolean> {
    this.#check(key);
    return (await this.#run('delete', key, () => this.#redis.del(key))) > 0;
  }

  async increment(key: string, options: IncrementOptions = {}): Promise<number> {
    this.#check(key);
    const by = options.by ?? 1;
    assertIncrement(by);
    assertTtlMs(options.ttlMs);
    const ttl = options.ttlMs === undefined ? '' : String(options.ttlMs);
    return this.#run('increment', key, () => this.#scripts.invektoIncrement(key, String(by), ttl));
  }

  async ttlMs(key: string): Promise<number | undefined> {
    this.#check(key);
    const reply = await this.#run('ttlMs', key, () => this.#redis.pttl(key));
    // -2: no such key, -1: no expiry.
    return reply < 0 ? undefined : reply;
  }

  async ping(): Promise<void> {
    if (this.#closed) throw closedError('Redis');
    await this.#run('ping', undefined, () => this.#redis.ping());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#redis.status !== 'ready') {
      this.#redis.disconnect();
      return;
    }
    try {
      await this.#redis.quit();
    } catch {
      this.#redis.disconnect();
    }
  }

  #check(key: string): void {
    if (this.#closed) throw closedError('Redis');
    assertKey(key);
  }

  async #run<T>(operation: string, key: string | undefined, command: () => Promise<T>): Promise<T> {
    // Between failed connection attempts, answer at once rather than park the call until the next one.
    if (this.#redis.status === 'reconnecting') {
      throw this.#translate(new Error('Redis is reconnecting'), operation, key);
    }
    try {
      return await command();
    } catch (error) {
      throw this.#translate(error, operation, key);
    }
  }

  #translate(error: unknown, operation: string, key: string | undefined): InvektoError {
    if (isInvektoError(error)) return error;
    const message = error instanceof Error ? error.message : String(error);
    const details = `Redis ${this.#address}, ${operation}${key === undefined ? '' : ` ${key}`}: ${message}`;
    if (error instanceof Error && error.name === 'ReplyError') {
      if (/not an integer/.test(message)) return notAnIntegerError(key ?? '');
      const code = TRANSIENT_REPLY.test(message) ? 'INV-NET-004' : 'INV-NET-005';
      return new InvektoError(code, { details, cause: error });
    }
    if (message === 'Command timed out') {
      return new InvektoError('INV-NET-001', { message: 'Redis did not answer in time.', details, cause: error });
    }
    return new InvektoError('INV-NET-002', {
      message: 'Redis could not be reached.',
      details: this.#lastConnectionError === undefined ? details : `${details} (${this.#lastConnectionError.message})`,
      cause: error,
    });
  }
}

function parseUrl(url: string): URL {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(parsed.protocol);
    return parsed;
  } catch {
    // The URL may hold a password, so it is not repeated in the message.
    throw new RangeError('url must be a redis:// or rediss:// URL.');
  }
}

function stripUndefined<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}
