import { timingSafeEqual } from 'node:crypto';
import { HeaderNames, InvektoError } from '@invekto/contracts';
import { ConfigError } from '../config/config-error.js';
import type { IncomingHeaders } from '../context/context-from-headers.js';
import { KeyNamespace, type KeyValueStore } from '../store/key-value/index.js';
import { CALLBACK_SIGNATURE_VERSION, callbackDigest, requireSecret } from './callback-signature.js';

export interface CallbackVerifierOptions {
  /** The shared HMAC key (`INVEKTO_CALLBACK_SECRET`). */
  readonly secret: string;
  /**
   * How far a callback's timestamp may lie from now, either way, before it is refused.
   * @default 300000 (5 minutes, `INVEKTO_CALLBACK_MAX_AGE_MS`)
   */
  readonly maxAgeMs?: number | undefined;
  /** Remembers the signatures already accepted, under the `idem` namespace. */
  readonly replayStore: KeyValueStore;
  /** Builds `invekto:idem:callback:{signature}`; a test run passes its own prefix. @default new KeyNamespace() */
  readonly keys?: KeyNamespace | undefined;
  /** Clock in epoch milliseconds. @default Date.now */
  readonly now?: (() => number) | undefined;
}

export const CALLBACK_VERIFIER_DEFAULTS = Object.freeze({
  maxAgeMs: 5 * 60_000,
});

/** A callback whose signature checked out. */
export interface VerifiedCallback {
  /** Signing time, epoch milliseconds. */
  readonly timestamp: number;
  /** The hex digest, now remembered as used. */
  readonly digest: string;
}

const TIMESTAMP = /^[0-9]{1,15}$/;
// Lower-case only: one signature has one spelling, so a re-cased copy cannot slip past the replay check.
const SIGNATURE = new RegExp(`^${CALLBACK_SIGNATURE_VERSION}=([0-9a-f]{64})$`);

function single(headers: IncomingHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

function badSignature(details: string): InvektoError {
  return new InvektoError('INV-AUTH-001', { details });
}

/**
 * Checks signed callbacks (see `signCallback`): the HMAC over `${timestamp}.${body}` must match
 * (INV-AUTH-001 otherwise), the timestamp must lie within `maxAgeMs` of now, and the signature must not
 * have been accepted before (INV-AUTH-002 otherwise). Each accepted signature is remembered with
 * `setIfAbsent` for twice `maxAgeMs`, the whole span in which its timestamp is acceptable, so of any
 * number of concurrent copies exactly one passes.
 */
export class CallbackVerifier {
  readonly maxAgeMs: number;
  readonly #secret: string;
  readonly #replayStore: KeyValueStore;
  readonly #keys: KeyNamespace;
  readonly #now: () => number;

  constructor(options: CallbackVerifierOptions) {
    this.#secret = requireSecret(options?.secret);
    if (options.replayStore === undefined) throw new ConfigError('replayStore', 'is required');
    const maxAgeMs = options.maxAgeMs ?? CALLBACK_VERIFIER_DEFAULTS.maxAgeMs;
    if (!Number.isSafeInteger(maxAgeMs) || maxAgeMs <= 0) {
      throw new ConfigError(
        'maxAgeMs',
        `must be a whole number of milliseconds greater than 0, got ${String(maxAgeMs)}`,
      );
    }
    this.maxAgeMs = maxAgeMs;
    this.#replayStore = options.replayStore;
    this.#keys = options.keys ?? new KeyNamespace();
    this.#now = options.now ?? Date.now;
  }

  /** The key that marks `digest` as used. */
  replayKey(digest: string): string {
    return this.#keys.idem('callback', digest);
  }

  /** Resolves when `rawBody` with `headers` is an authentic, fresh, first-seen callback; rejects otherwise. */
  async verify(rawBody: string, headers: IncomingHeaders): Promise<VerifiedCallback> {
    if (typeof rawBody !== 'string') throw new TypeError('rawBody must be the body exactly as received.');
    const timestampHeader = single(headers, HeaderNames.TokenTimestamp);
    const signatureHeader = single(headers, HeaderNames.TokenSignature);
    if (timestampHeader === undefined || signatureHeader === undefined) {
      throw badSignature(`${HeaderNames.TokenTimestamp} and ${HeaderNames.TokenSignature} must each be sent once`);
    }
    if (!TIMESTAMP.test(timestampHeader)) throw badSignature(`${HeaderNames.TokenTimestamp} is not epoch milliseconds`);
    const match = SIGNATURE.exec(signatureHeader);
    if (match === null) {
      throw badSignature(
        `${HeaderNames.TokenSignature} must be ${CALLBACK_SIGNATURE_VERSION}= and 64 lower-case hex digits`,
      );
    }
    const digest = match[1] as string;
    const expected = Buffer.from(callbackDigest(this.#secret, timestampHeader, rawBody), 'hex');
    if (!timingSafeEqual(Buffer.from(digest, 'hex'), expected)) throw badSignature('the signature does not match');

    // Only an authentic callback learns whether it is stale or replayed.
    const timestamp = Number(timestampHeader);
    const skewMs = this.#now() - timestamp;
    if (Math.abs(skewMs) > this.maxAgeMs) {
      throw new InvektoError('INV-AUTH-002', {
        details: `the timestamp is ${Math.abs(skewMs)} ms ${skewMs > 0 ? 'old' : 'ahead'}; at most ${this.maxAgeMs} ms is accepted`,
      });
    }
    const first = await this.#replayStore.setIfAbsent(this.replayKey(digest), timestampHeader, {
      ttlMs: 2 * this.maxAgeMs,
    });
    if (!first) throw new InvektoError('INV-AUTH-002', { details: 'this signature was already used' });
    return { timestamp, digest };
  }
}
