import { createHmac } from 'node:crypto';
import { HeaderNames } from '@invekto/contracts';
import { ConfigError } from '../config/config-error.js';

/** The version tag before the hex digest in `X-Token-Signature`, so the scheme can change without ambiguity. */
export const CALLBACK_SIGNATURE_VERSION = 'v1';

/** The two headers that carry a callback's signature (seed 000 §0.3). */
export type CallbackSignatureHeaders = {
  /** Signing time, epoch milliseconds as a decimal string. */
  readonly [HeaderNames.TokenTimestamp]: string;
  /** `v1=` and the lower-case hex HMAC-SHA256 of `${timestamp}.${body}`. */
  readonly [HeaderNames.TokenSignature]: string;
};

export interface SignCallbackOptions {
  /** The shared HMAC key (`INVEKTO_CALLBACK_SECRET`). */
  readonly secret: string;
  /** The exact body that will be sent; the signature covers it byte for byte. */
  readonly body: string;
  /** Signing time in epoch milliseconds. @default Date.now() */
  readonly now?: number | undefined;
}

/** The lower-case hex HMAC-SHA256 of `${timestamp}.${body}` under `secret`. */
export function callbackDigest(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function requireSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret.length === 0) throw new ConfigError('secret', 'must be a non-empty string');
  return secret;
}

/**
 * Signs a callback body: the timestamp binds the signature to a moment, so a receiver can refuse old
 * or replayed callbacks (seed 001 §8: HMAC signed, short TTL, replay protection).
 */
export function signCallback({ secret, body, now = Date.now() }: SignCallbackOptions): CallbackSignatureHeaders {
  if (typeof body !== 'string') throw new TypeError('body must be the serialised string that will be sent.');
  if (!Number.isSafeInteger(now) || now < 0)
    throw new RangeError(`now must be epoch milliseconds, got ${String(now)}.`);
  const timestamp = String(now);
  return {
    [HeaderNames.TokenTimestamp]: timestamp,
    [HeaderNames.TokenSignature]: `${CALLBACK_SIGNATURE_VERSION}=${callbackDigest(requireSecret(secret), timestamp, body)}`,
  };
}
