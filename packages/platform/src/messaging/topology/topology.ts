import { Exchanges, Queues, RetryLadder, RoutingKeys } from '@invekto/contracts';

/**
 * The RabbitMQ topology of seed 000 §1.3 as plain data: nothing here talks to a broker.
 * `declareTopology` asserts it on a channel and `toDefinitions` turns it into a definitions file.
 *
 * How a retry rung routes a message back to the queue it came from
 * ----------------------------------------------------------------
 * The rungs (`invekto.retry.2s` ... `invekto.retry.10m`) are shared by every job queue. A rung has
 * `x-dead-letter-exchange: invekto.direct` and NO `x-dead-letter-routing-key`, so when its TTL expires
 * RabbitMQ republishes the message to `invekto.direct` with the routing key it was published with
 * (RabbitMQ dead-lettering rule). That key therefore has to both pick the rung and name the job queue:
 *
 *   retry key = `<rung>.<routingKey>`, e.g. `2s.chat-analysis`   (see `retryRoutingKey`)
 *
 *   publish  invekto.retry  `2s.chat-analysis`  ->  invekto.retry.2s          (bound with that key)
 *   expire   invekto.direct `2s.chat-analysis`  ->  invekto.jobs.chat-analysis (bound with that key too)
 *
 * So each rung is bound on `invekto.retry` once per job queue, and each job queue is bound on
 * `invekto.direct` with its own routing key plus one retry key per rung. Body, properties and headers
 * survive dead-lettering; RabbitMQ adds an `x-death` entry naming the rung and reason `expired`.
 */

export type ExchangeType = 'direct' | 'fanout';

export interface ExchangeSpec {
  readonly name: string;
  readonly type: ExchangeType;
  readonly durable: true;
}

/** Queue arguments as RabbitMQ stores them (`x-*` keys). */
export type QueueArguments = Readonly<Record<string, string | number>>;

export interface QueueSpec {
  readonly name: string;
  readonly durable: true;
  readonly arguments: QueueArguments;
}

export interface BindingSpec {
  readonly exchange: string;
  readonly queue: string;
  readonly routingKey: string;
}

export interface JobQueueOptions {
  /** Queue name, e.g. `invekto.jobs.chat-analysis`. */
  readonly queue: string;
  /** Routing key on `invekto.direct` that delivers to this queue. */
  readonly routingKey: string;
  /**
   * `x-dead-letter-routing-key` used when the queue dead-letters to `invekto.dlx`; `invekto.dlq` is
   * bound with it. @default routingKey
   */
  readonly deadLetterRoutingKey?: string;
  /** `x-message-ttl`, the longest a job may wait in the queue. @default 3_600_000 (seed 000 §1.3, 1 h) */
  readonly messageTtlMs?: number;
}

export interface RetryRungOptions {
  /** Queue name; the rung key is the part after `invekto.retry.` (e.g. `2s`). */
  readonly queue: string;
  /** `x-message-ttl` of the rung: how long a message waits before it returns to its job queue. */
  readonly delayMs: number;
}

export interface TopologyOptions {
  /** Job queues; any number. @default [invekto.jobs.chat-analysis bound with `chat-analysis`] */
  readonly jobQueues?: readonly JobQueueOptions[];
  /** Retry rungs, shortest first. @default RetryLadder from @invekto/contracts (2s, 10s, 30s, 2m, 10m) */
  readonly retryLadder?: readonly RetryRungOptions[];
  /**
   * `x-max-length` of `invekto.dlq`; once it holds this many, publishes into it are refused
   * (`x-overflow: reject-publish`). Tests lower it to reach the limit cheaply.
   * @default DLQ_MAX_LENGTH (10_000, seed 000 §3.6)
   */
  readonly dlqMaxLength?: number;
}

export interface ResolvedJobQueue {
  readonly queue: string;
  readonly routingKey: string;
  readonly deadLetterRoutingKey: string;
  readonly messageTtlMs: number;
}

export interface ResolvedRetryRung {
  readonly queue: string;
  readonly delayMs: number;
  /** The rung's part of a retry routing key, e.g. `2s`. */
  readonly key: string;
}

export interface Topology {
  readonly exchanges: readonly ExchangeSpec[];
  readonly queues: readonly QueueSpec[];
  readonly bindings: readonly BindingSpec[];
  readonly jobQueues: readonly ResolvedJobQueue[];
  readonly retryRungs: readonly ResolvedRetryRung[];
}

/** @default 3_600_000 — seed 000 §1.3: main queues keep a job at most 1 h. */
export const DEFAULT_JOB_MESSAGE_TTL_MS = 3_600_000;
/** @default 10_000 — seed 000 §3.6: DLQ max length. */
export const DLQ_MAX_LENGTH = 10_000;
/** @default 30 days — seed 000 §3.6: DLQ max age. */
export const DLQ_MESSAGE_TTL_MS = 30 * 24 * 60 * 60 * 1_000;

export const DEFAULT_TOPOLOGY_OPTIONS = {
  jobQueues: [{ queue: Queues.ChatAnalysisJobs, routingKey: RoutingKeys.ChatAnalysis }],
  retryLadder: RetryLadder,
  dlqMaxLength: DLQ_MAX_LENGTH,
} as const satisfies Required<TopologyOptions>;

/** RabbitMQ keeps `x-message-ttl` as an unsigned 32-bit count of milliseconds. */
const MAX_TTL_MS = 2 ** 32 - 1;
const MAX_NAME_LENGTH = 255;
const RUNG_PREFIX = `${Exchanges.Retry}.`;

/** An option of `buildTopology` that is missing, malformed or clashes with another; `field` names it. */
export class TopologyConfigError extends Error {
  /** Path of the bad option, e.g. `jobQueues[1].routingKey`. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`Invalid topology option ${field}: ${problem}`);
    this.name = 'TopologyConfigError';
    this.field = field;
  }
}

/** The routing key that parks a message of `routingKey` on `rung` and brings it back afterwards. */
export function retryRoutingKey(rung: Pick<ResolvedRetryRung, 'key'>, routingKey: string): string {
  return `${rung.key}.${routingKey}`;
}

/** Validates the options, fills in defaults, and returns the frozen topology. */
export function buildTopology(options: TopologyOptions = {}): Topology {
  const jobQueues = resolveJobQueues(options.jobQueues ?? DEFAULT_TOPOLOGY_OPTIONS.jobQueues);
  const retryRungs = resolveRetryLadder(options.retryLadder ?? DEFAULT_TOPOLOGY_OPTIONS.retryLadder);
  const dlqMaxLength = options.dlqMaxLength ?? DEFAULT_TOPOLOGY_OPTIONS.dlqMaxLength;
  checkMaxLength(dlqMaxLength, 'dlqMaxLength');

  const exchanges: ExchangeSpec[] = [
    { name: Exchanges.Direct, type: 'direct', durable: true },
    { name: Exchanges.Fanout, type: 'fanout', durable: true },
    { name: Exchanges.DeadLetter, type: 'direct', durable: true },
    { name: Exchanges.Retry, type: 'direct', durable: true },
  ];

  const queues: QueueSpec[] = [
    ...jobQueues.map((job) => ({
      name: job.queue,
      durable: true as const,
      arguments: {
        'x-dead-letter-exchange': Exchanges.DeadLetter,
        'x-dead-letter-routing-key': job.deadLetterRoutingKey,
        'x-message-ttl': job.messageTtlMs,
      },
    })),
    // No x-dead-letter-routing-key on purpose: an expired message keeps its `<rung>.<routingKey>` key.
    ...retryRungs.map((rung) => ({
      name: rung.queue,
      durable: true as const,
      arguments: { 'x-dead-letter-exchange': Exchanges.Direct, 'x-message-ttl': rung.delayMs },
    })),
    {
      name: Queues.DeadLetter,
      durable: true,
      arguments: {
        'x-max-length': dlqMaxLength,
        'x-overflow': 'reject-publish',
        'x-message-ttl': DLQ_MESSAGE_TTL_MS,
      },
    },
  ];

  const bindings: BindingSpec[] = [];
  for (const job of jobQueues) {
    bindings.push({ exchange: Exchanges.Direct, queue: job.queue, routingKey: job.routingKey });
    for (const rung of retryRungs) {
      const key = retryRoutingKey(rung, job.routingKey);
      bindings.push({ exchange: Exchanges.Retry, queue: rung.queue, routingKey: key });
      bindings.push({ exchange: Exchanges.Direct, queue: job.queue, routingKey: key });
    }
  }
  const deadLetterKeys = new Set(jobQueues.map((job) => job.deadLetterRoutingKey));
  for (const key of deadLetterKeys) {
    bindings.push({ exchange: Exchanges.DeadLetter, queue: Queues.DeadLetter, routingKey: key });
  }

  checkQueueNamesUnique(queues);
  checkOneQueuePerKey(bindings);
  return deepFreeze({ exchanges, queues, bindings, jobQueues, retryRungs });
}

function resolveJobQueues(jobQueues: readonly JobQueueOptions[]): ResolvedJobQueue[] {
  if (!Array.isArray(jobQueues) || jobQueues.length === 0) {
    throw new TopologyConfigError('jobQueues', 'expected at least one job queue');
  }
  return jobQueues.map((job, i) => {
    const field = `jobQueues[${i}]`;
    checkName(job.queue, `${field}.queue`);
    checkName(job.routingKey, `${field}.routingKey`);
    const deadLetterRoutingKey = job.deadLetterRoutingKey ?? job.routingKey;
    checkName(deadLetterRoutingKey, `${field}.deadLetterRoutingKey`);
    const messageTtlMs = job.messageTtlMs ?? DEFAULT_JOB_MESSAGE_TTL_MS;
    checkTtl(messageTtlMs, `${field}.messageTtlMs`);
    return { queue: job.queue, routingKey: job.routingKey, deadLetterRoutingKey, messageTtlMs };
  });
}

function resolveRetryLadder(ladder: readonly RetryRungOptions[]): ResolvedRetryRung[] {
  if (!Array.isArray(ladder)) throw new TopologyConfigError('retryLadder', 'expected an array of rungs');
  return ladder.map((rung, i) => {
    const field = `retryLadder[${i}]`;
    checkName(rung.queue, `${field}.queue`);
    if (!rung.queue.startsWith(RUNG_PREFIX) || rung.queue.length === RUNG_PREFIX.length) {
      throw new TopologyConfigError(`${field}.queue`, `expected a name starting with "${RUNG_PREFIX}"`);
    }
    checkTtl(rung.delayMs, `${field}.delayMs`);
    return { queue: rung.queue, delayMs: rung.delayMs, key: rung.queue.slice(RUNG_PREFIX.length) };
  });
}

function checkName(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) {
    throw new TopologyConfigError(field, `expected a non-empty string of at most ${MAX_NAME_LENGTH} characters`);
  }
}

function checkTtl(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TTL_MS) {
    throw new TopologyConfigError(field, `expected an integer number of milliseconds in 1..${MAX_TTL_MS}`);
  }
}

function checkMaxLength(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new TopologyConfigError(field, 'expected a whole number of messages above 0');
  }
}

function checkQueueNamesUnique(queues: readonly QueueSpec[]): void {
  const seen = new Set<string>();
  for (const queue of queues) {
    if (seen.has(queue.name)) throw new TopologyConfigError('queues', `queue "${queue.name}" is declared twice`);
    seen.add(queue.name);
  }
}

/** A routing key bound to two queues on one exchange would copy every message; refuse it. */
function checkOneQueuePerKey(bindings: readonly BindingSpec[]): void {
  const owner = new Map<string, string>();
  for (const { exchange, queue, routingKey } of bindings) {
    const slot = `${exchange}\u0000${routingKey}`;
    const current = owner.get(slot);
    if (current !== undefined && current !== queue) {
      throw new TopologyConfigError(
        'routingKey',
        `"${routingKey}" on ${exchange} would route to both "${current}" and "${queue}"`,
      );
    }
    owner.set(slot, queue);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
