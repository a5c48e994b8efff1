import { createHash } from 'node:crypto';

/**
 * The key namespaces of seed 000 §1.2. The TTLs there (idem 24 h, lock 5 m, rate 1 m, job 7 d) belong
 * to the callers that write the keys, not to the namespace.
 */
export const KEY_NAMESPACES = ['idem', 'lock', 'rate', 'cache', 'job', 'circuit', 'config'] as const;

export type KeyNamespaceName = (typeof KEY_NAMESPACES)[number];

/** @default 'invekto:' (seed 000 §1.2) */
export const DEFAULT_KEY_PREFIX = 'invekto:';

/** Longest key part accepted, so a caller passing a whole payload fails loudly instead of bloating keys. */
export const MAX_KEY_PART_LENGTH = 200;

/** Thrown for a key part or prefix the namespace cannot hold; names the bad part. */
export class KeyNamespaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyNamespaceError';
  }
}

const FORBIDDEN = /[:\s]/u;

/**
 * `value` as one key part: itself when a part may hold it, else `#` and its SHA-256 — for identifiers
 * such as tenant ids, which may contain ':'. Identifiers never contain '#', so the forms never collide.
 */
export function keyPartOf(value: string): string {
  if (value.length > 0 && value.length <= MAX_KEY_PART_LENGTH && !FORBIDDEN.test(value) && !value.startsWith('#')) {
    return value;
  }
  return `#${createHash('sha256').update(value).digest('hex')}`;
}

/**
 * Builds store keys as `<prefix><namespace>:<part>:<part>...`, e.g. `invekto:idem:sync:tenant123:analyze`
 * (seed 000 App. F.2). Parts may not contain ':' or whitespace, so no part can forge another key's shape;
 * a different prefix per environment or test run keeps their keys apart.
 */
export class KeyNamespace {
  readonly prefix: string;

  constructor(prefix: string = DEFAULT_KEY_PREFIX) {
    if (!/^[^:\s]+(?::[^:\s]+)*:$/u.test(prefix)) {
      throw new KeyNamespaceError(
        `Key prefix "${prefix}" must be non-empty words separated by ':' and end with ':', without whitespace.`,
      );
    }
    this.prefix = prefix;
  }

  /** A key in `namespace`; at least one part. */
  key(namespace: KeyNamespaceName, ...parts: readonly (string | number)[]): string {
    if (!(KEY_NAMESPACES as readonly string[]).includes(namespace)) {
      throw new KeyNamespaceError(
        `Unknown key namespace "${String(namespace)}"; use one of ${KEY_NAMESPACES.join(', ')}.`,
      );
    }
    if (parts.length === 0) throw new KeyNamespaceError(`A "${namespace}" key needs at least one part.`);
    return `${this.prefix}${namespace}:${parts.map((part, index) => checkPart(namespace, index, part)).join(':')}`;
  }

  idem(...parts: readonly (string | number)[]): string {
    return this.key('idem', ...parts);
  }

  lock(resource: string): string {
    return this.key('lock', resource);
  }

  rate(tenant: string, window: string | number): string {
    return this.key('rate', tenant, window);
  }

  cache(type: string, id: string): string {
    return this.key('cache', type, id);
  }

  job(jobId: string): string {
    return this.key('job', jobId);
  }

  circuit(service: string): string {
    return this.key('circuit', service);
  }

  config(key: string): string {
    return this.key('config', key);
  }
}

function checkPart(namespace: KeyNamespaceName, index: number, part: string | number): string {
  const text = typeof part === 'number' ? String(part) : part;
  const where = `Part ${index + 1} of a "${namespace}" key`;
  if (typeof part === 'number' && !Number.isFinite(part)) {
    throw new KeyNamespaceError(`${where} is ${text}; use a finite number.`);
  }
  if (typeof text !== 'string' || text.length === 0) throw new KeyNamespaceError(`${where} is empty.`);
  if (text.length > MAX_KEY_PART_LENGTH) {
    throw new KeyNamespaceError(`${where} is ${text.length} characters long; the limit is ${MAX_KEY_PART_LENGTH}.`);
  }
  if (FORBIDDEN.test(text)) {
    throw new KeyNamespaceError(`${where} ("${text}") contains ':' or whitespace, which key parts may not hold.`);
  }
  return text;
}
