import { deepFreeze, isPlainObject, type DeepPartial } from './deep-object.js';
import { isPolicyName, type PolicyName } from './policy-names.js';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from './policy-options.js';

/** What configuration may change for one named policy; anything left out keeps its default. */
export type PolicyOverrides = DeepPartial<PolicyOptions>;

/** A resilience option that is unknown, of the wrong type or out of range; `field` names it. */
export class PolicyConfigError extends Error {
  /** Dotted path of the bad option, starting with the policy name, e.g. `SyncMicroservice.retry.retries`. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`Invalid resilience option ${field}: ${problem}`);
    this.name = 'PolicyConfigError';
    this.field = field;
  }
}

/**
 * Compiles the options of one named policy: the seed defaults, deep-merged with `overrides`
 * (arrays replace), validated, and frozen. Throws `PolicyConfigError` naming the first bad field.
 */
export function resolvePolicyOptions(name: PolicyName, overrides: PolicyOverrides = {}): PolicyOptions {
  if (!isPolicyName(name)) throw new PolicyConfigError(String(name), 'is not a named policy');
  const defaults = structuredClone(DEFAULT_POLICY_OPTIONS[name]) as unknown as Record<string, unknown>;
  const options = mergeInto(defaults, overrides, name) as unknown as PolicyOptions;
  validate(options, name);
  return deepFreeze(options);
}

function mergeInto(base: Record<string, unknown>, override: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(override)) throw new PolicyConfigError(path, `expected an object, got ${describe(override)}`);
  for (const [key, value] of Object.entries(override)) {
    const field = `${path}.${key}`;
    if (!Object.hasOwn(base, key)) throw new PolicyConfigError(field, 'is not a known option');
    if (value === undefined) continue;
    const current = base[key];
    if (isPlainObject(current)) {
      base[key] = mergeInto(current, value, field);
    } else if (Array.isArray(current)) {
      if (!Array.isArray(value)) throw new PolicyConfigError(field, `expected an array, got ${describe(value)}`);
      base[key] = [...(value as unknown[])];
    } else {
      if (typeof value !== typeof current) {
        throw new PolicyConfigError(field, `expected a ${typeof current}, got ${describe(value)}`);
      }
      base[key] = value;
    }
  }
  return base;
}

function validate(options: PolicyOptions, name: string): void {
  integerAtLeast(options.timeoutMs, 1, `${name}.timeoutMs`);
  options.attemptTimeoutsMs.forEach((ms, i) => integerAtLeast(ms, 1, `${name}.attemptTimeoutsMs[${i}]`));

  const retry = options.retry;
  integerAtLeast(retry.retries, 0, `${name}.retry.retries`);
  if (retry.backoff !== 'constant' && retry.backoff !== 'exponential') {
    throw new PolicyConfigError(
      `${name}.retry.backoff`,
      `expected 'constant' or 'exponential', got ${describe(retry.backoff)}`,
    );
  }
  integerAtLeast(retry.baseDelayMs, 0, `${name}.retry.baseDelayMs`);
  integerAtLeast(retry.maxJitterMs, 0, `${name}.retry.maxJitterMs`);
  integerAtLeast(retry.maxDelayMs, retry.baseDelayMs, `${name}.retry.maxDelayMs`);
  retry.transientHttpStatuses.forEach((status, i) => {
    const field = `${name}.retry.transientHttpStatuses[${i}]`;
    integerAtLeast(status, 100, field);
    if (status > 599) throw new PolicyConfigError(field, `expected an HTTP status (100-599), got ${status}`);
  });

  const breaker = options.circuitBreaker;
  const threshold = breaker.failureThreshold;
  if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) {
    throw new PolicyConfigError(
      `${name}.circuitBreaker.failureThreshold`,
      `expected a fraction in (0, 1], got ${describe(threshold)}`,
    );
  }
  // The sampling breaker measures in 1 s buckets; a shorter window cannot be honoured.
  integerAtLeast(breaker.samplingDurationMs, 1000, `${name}.circuitBreaker.samplingDurationMs`);
  integerAtLeast(breaker.minimumThroughput, 1, `${name}.circuitBreaker.minimumThroughput`);
  integerAtLeast(breaker.breakDurationMs, 1, `${name}.circuitBreaker.breakDurationMs`);

  integerAtLeast(options.bulkhead.maxConcurrency, 1, `${name}.bulkhead.maxConcurrency`);
  integerAtLeast(options.bulkhead.maxQueue, 0, `${name}.bulkhead.maxQueue`);
}

function integerAtLeast(value: number, minimum: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new PolicyConfigError(field, `expected an integer >= ${minimum}, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
