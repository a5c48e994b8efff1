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

  it('requires a log hash salt in production and hides error details there', () => {
    expect(() => loadConfig({ INVEKTO_ENV: 'production' })).toThrowError('INVEKTO_LOG_HASH_SALT');
    const config = loadConfig({ INVEKTO_ENV: 'production', INVEKTO_LOG_HASH_SALT: 's3cret' });
    expect(config.http.exposeErrorDetails).toBe(false);
    expect(config.log.hashSalt).toBe('s3cret');
  });
});
