import { createHash } from 'node:crypto';
import { InvektoError } from '@invekto/contracts';
import type { IdempotencyGuard, JsonValue } from './idempotency-guard.js';

/** `X-Idempotency-Key`: what fits a key part and survives every store. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{1,128}$/;

export interface SubmitOnceRequest {
  readonly tenantId: string;
  /** The client's `X-Idempotency-Key`; without one every call submits. */
  readonly key: string | undefined;
  /** What the request asks for, e.g. its parsed body; a different request under the same key is refused. */
  readonly request: unknown;
}

export interface SubmitOnceResult<T> {
  readonly value: T;
  /** True when `value` is the stored answer of an earlier request with the same key. */
  readonly replayed: boolean;
}

interface StoredAnswer {
  readonly fingerprint: string;
  readonly value: JsonValue;
}

function fingerprintOf(request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(request) ?? 'undefined')
    .digest('base64url');
}

/**
 * Runs `submit` once per tenant and idempotency key (seed 000 App. F.3: async submits are deduplicated
 * for 1 h): a repeat with the same request gets the first answer; a repeat with another request is
 * refused with INV-VAL-008; a repeat while the first is still running gets INV-SYS-007. A failed submit
 * releases the key so the client can retry it.
 */
export async function submitOnce<T extends JsonValue>(
  guard: IdempotencyGuard,
  { tenantId, key, request }: SubmitOnceRequest,
  submit: () => Promise<T>,
): Promise<SubmitOnceResult<T>> {
  if (key === undefined) return { value: await submit(), replayed: false };
  if (!IDEMPOTENCY_KEY.test(key)) throw new InvektoError('INV-VAL-007');
  const scope = { kind: 'request', tenantId } as const;
  const fingerprint = fingerprintOf(request);
  const claim = await guard.begin(scope, key);
  if (claim.state === 'in-progress') throw new InvektoError('INV-SYS-007', { retryAfterMs: 1_000 });
  if (claim.state === 'completed') {
    const stored = claim.result as unknown as StoredAnswer;
    if (stored.fingerprint !== fingerprint) throw new InvektoError('INV-VAL-008');
    return { value: stored.value as T, replayed: true };
  }
  let value: T;
  try {
    value = await submit();
  } catch (error) {
    await guard.release(scope, key, claim.owner).catch(() => undefined);
    throw error;
  }
  await guard.complete(scope, key, claim.owner, { fingerprint, value } satisfies StoredAnswer);
  return { value, replayed: false };
}
