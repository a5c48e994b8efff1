import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with no variables set', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.ports).toEqual({ backend: 8080, chatAnalysis: 5001, admin: 5010 });
    expect(config.syncPolicy).toEqual({ overallTimeoutMs: 600, retries: 1 });
    expect(config.chatAnalysis.url).toBeUndefined();
    expect(config.http.exposeErrorDetails).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it('reads INVEKTO_* variables', () => {
    const config = loadConfig({
      INVEKTO_BACKEND_PORT: '9090',
      INVEKTO_SYNC_RETRIES: '0',
      INVEKTO_CHAT_ANALYSIS_URL: 'http://gateway.local:8000/',
      INVEKTO_EXPOSE_ERROR_DETAILS: 'false',
      INVEKTO_LOG_LEVEL: 'debug',
    });
    expect(config.ports.backend).toBe(9090);
    expect(config.syncPolicy.retries).toBe(0);
    expect(config.chatAnalysis.url).toBe('http://gateway.local:8000');
    expect(config.http.exposeErrorDetails).toBe(false);
    expect(config.log.level).toBe('debug');
  });

  it.each([
    ['INVEKTO_BACKEND_PORT', 'eighty'],
    ['INVEKTO_BACKEND_PORT', '70000'],
    ['INVEKTO_ENV', 'staging'],
    ['INVEKTO_LOG_LEVEL', 'loud'],
    ['INVEKTO_CHAT_ANALYSIS_URL', 'not a url'],
    ['INVEKTO_CHAT_ANALYSIS_URL', 'ftp://x'],
    ['INVEKTO_EXPOSE_ERROR_DETAILS', 'maybe'],
    ['INVEKTO_SYNC_RETRIES', '9'],
    ['INVEKTO_HOST', 'bad host!'],
  ])('stops start-up naming %s when it is %j', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrowError(variable);
  });

  it('requires a log hash salt and a callback secret in production and hides error details there', () => {
    const secret = 'c'.repeat(32);
    expect(() => loadConfig({ INVEKTO_ENV: 'production', INVEKTO_CALLBACK_SECRET: secret })).toThrowError(
      'INVEKTO_LOG_HASH_SALT',
    );
    expect(() => loadConfig({ INVEKTO_ENV: 'production', INVEKTO_LOG_HASH_SALT: 's3cret' })).toThrowError(
      'INVEKTO_CALLBACK_SECRET',
    );
    expect(() =>
      loadConfig({ INVEKTO_ENV: 'production', INVEKTO_LOG_HASH_SALT: 's3cret', INVEKTO_CALLBACK_SECRET: 'short' }),
    ).toThrowError('at least 32 characters');
    const config = loadConfig({
      INVEKTO_ENV: 'production',
      INVEKTO_LOG_HASH_SALT: 's3cret',
      INVEKTO_CALLBACK_SECRET: secret,
    });
    expect(config.http.exposeErrorDetails).toBe(false);
    expect(config.log.hashSalt).toBe('s3cret');
    expect(config.jobs.callbackSecret).toBe(secret);
  });

  it('reads the stores and the job runtime, with the seed ladder by default', () => {
    const defaults = loadConfig({});
    expect(defaults.stores).toEqual({
      sqlUrl: undefined,
      redisUrl: undefined,
      amqpUrl: undefined,
      dataDir: '.invekto/data',
      keyPrefix: 'invekto:',
    });
    expect(defaults.jobs).toMatchObject({
      retryDelaysMs: [2_000, 10_000, 30_000, 120_000, 600_000],
      consumerPrefetch: 50,
      consumerConcurrency: 8,
      claimTtlMs: 30_000,
      callbackMaxAgeMs: 300_000,
    });
    expect(defaults.jobs.callbackSecret).toMatch(/^[0-9a-f]{64}$/);
    const custom = loadConfig({
      INVEKTO_SQL_URL: 'postgres://u@db:5432/invekto',
      INVEKTO_AMQP_URL: 'amqp://guest:guest@mq:5672/invekto-prod',
      INVEKTO_RETRY_DELAYS_MS: '10, 20,30,40,50',
      INVEKTO_KEY_PREFIX: 'invekto:staging:',
    });
    expect(custom.stores).toMatchObject({ sqlUrl: 'postgres://u@db:5432/invekto', keyPrefix: 'invekto:staging:' });
    expect(custom.jobs.retryDelaysMs).toEqual([10, 20, 30, 40, 50]);
    for (const [variable, value] of [
      ['INVEKTO_SQL_URL', 'mysql://db'],
      ['INVEKTO_REDIS_URL', 'not a url'],
      ['INVEKTO_RETRY_DELAYS_MS', '10,,20'],
      ['INVEKTO_RETRY_DELAYS_MS', '0,10'],
      ['INVEKTO_KEY_PREFIX', 'no-colon'],
      ['INVEKTO_CONSUMER_PREFETCH', '0'],
    ] as const) {
      expect(() => loadConfig({ [variable]: value }), `${variable}=${value}`).toThrowError(variable);
    }
  });
});
