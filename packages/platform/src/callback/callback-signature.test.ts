import { HeaderNames } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { callbackDigest, signCallback } from './callback-signature.js';

const SECRET = 'test-secret-of-32-characters-xyz';
const BODY = '{"jobId":"01ARZ3NDEKTSV4RRFFQ69G5FAV","status":"done"}';

describe('signCallback', () => {
  it('signs `${timestamp}.${body}` with HMAC-SHA256 as v1=hex (vector from openssl dgst -hmac)', () => {
    expect(signCallback({ secret: SECRET, body: BODY, now: 1_700_000_000_000 })).toEqual({
      [HeaderNames.TokenTimestamp]: '1700000000000',
      [HeaderNames.TokenSignature]: 'v1=323499c5ecf6e3d5671c3eace18d501f345787761727eea1c3179fe4eee4f334',
    });
  });

  it('changes the signature with any byte of the body, the time or the secret', () => {
    const base = callbackDigest(SECRET, '1700000000000', BODY);
    expect(callbackDigest(SECRET, '1700000000001', BODY)).not.toBe(base);
    expect(callbackDigest(SECRET, '1700000000000', BODY.replace('done', 'dona'))).not.toBe(base);
    expect(callbackDigest(`${SECRET}!`, '1700000000000', BODY)).not.toBe(base);
    // The separator binds the split: moving a digit from the time into the body is another message.
    expect(callbackDigest(SECRET, '170000000000', `0.${BODY}`)).not.toBe(base);
  });

  it('signs the body as UTF-8', () => {
    const body = '{"text":"çay ☕"}';
    expect(callbackDigest(SECRET, '1', body)).toBe(callbackDigest(SECRET, '1', Buffer.from(body, 'utf8').toString()));
    expect(callbackDigest(SECRET, '1', body)).not.toBe(callbackDigest(SECRET, '1', '{"text":"cay ?"}'));
  });

  it('takes the clock when no time is given', () => {
    const before = Date.now();
    const timestamp = Number(signCallback({ secret: SECRET, body: BODY })[HeaderNames.TokenTimestamp]);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
  });

  it('refuses an empty secret, a body that is not a string and a bad time', () => {
    expect(() => signCallback({ secret: '', body: BODY })).toThrow(ConfigError);
    expect(() => signCallback({ secret: SECRET, body: { a: 1 } as never })).toThrow(TypeError);
    expect(() => signCallback({ secret: SECRET, body: BODY, now: 1.5 })).toThrow(RangeError);
  });
});
