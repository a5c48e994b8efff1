import { hostname } from 'node:os';
import { Exchanges, isInvektoError, InvektoError, MessageHeaderNames as H } from '@invekto/contracts';
import { runWithContext } from '../../context/context-storage.js';
import type { RequestContext } from '../../context/request-context.js';
import { newSpanId } from '../../context/trace-ids.js';
import type { IdempotencyGuard, JsonValue } from '../../idempotency/idempotency-guard.js';
import type { Logger } from '../../observability/logger.js';
import { classifyError } from '../../resilience/error-classifier.js';
import { TypedEmitter, type Unsubscribe } from '../../resilience/typed-emitter.js';
import type { Broker, Delivery, HeaderValue, MessageHeaders, Subscription } from '../broker/broker.js';
import { retryRoutingKey, type ResolvedJobQueue, type ResolvedRetryRung } from '../topology/topology.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { decideOnFailure, DlqReason } from './failure-decision.js';
import {
  deadLetterHeaders,
  describeFailure,
  headerCount,
  headerText,
  retryHeaders,
  type FailureInfo,
} from './failure-headers.js';
import type { JobConsumerEvents } from './job-consumer-events.js';
import { contextFromMessage } from './message-context.js';

/** A decoded message as the handler sees it. */
export interface ConsumedMessage {
  readonly messageId: string;
  /** Rungs already walked (`x-retry-count`). */
  readonly retryCount: number;
  readonly redelivered: boolean;
  readonly headers: MessageHeaders;
  readonly context: RequestContext;
}

export interface RetryScheduledInfo {
  readonly attempt: number;
  readonly rung: ResolvedRetryRung;
  readonly failure: FailureInfo;
}

export interface DeadLetteredInfo {
  readonly reason: DlqReason;
  readonly failure: FailureInfo;
  readonly retryCount: number;
}

/** What a job queue's consumer does with its messages. */
export interface JobHandler<Job> {
  /**
   * Turns the parsed JSON body into a job. Throw `InvektoError('INV-BUS-005')` when it does not match
   * the schema: the message goes to the DLQ as poison, untouched by `process`.
   */
  decode(body: unknown, headers: MessageHeaders): Job;
  /**
   * Does the work. Resolves with a small JSON summary kept in the idempotency record. Throw an error with
   * a category (InvektoError) to choose retry or DLQ; anything else is UNKNOWN and retried once.
   */
  process(job: Job, message: ConsumedMessage): Promise<JsonValue | void>;
  /** After the message was parked on a rung. Errors are logged, never fail the message. */
  onRetryScheduled?(job: Job, message: ConsumedMessage, info: RetryScheduledInfo): Promise<void>;
  /** After the message reached the DLQ (`job` is undefined for poison). Errors are logged. */
  onDeadLettered?(job: Job | undefined, message: ConsumedMessage | undefined, info: DeadLetteredInfo): Promise<void>;
}

export interface JobConsumerOptions<Job> {
  readonly broker: Broker;
  readonly queue: ResolvedJobQueue;
  /** The ladder, shortest rung first (the topology's `retryRungs`). */
  readonly retryRungs: readonly ResolvedRetryRung[];
  readonly guard: IdempotencyGuard;
  readonly handler: JobHandler<Job>;
  /** `x-schema-version` values this consumer understands; others go to the DLQ (INV-BUS-004). */
  readonly schemaVersions: readonly string[];
  readonly logger: Logger;
  /** Unsettled messages held from the broker (seed 001 §11). @default 50 */
  readonly prefetch?: number;
  /** Messages handled at once; the others wait in memory, still unacknowledged. @default 8 */
  readonly concurrency?: number;
  /** Names this consumer in `x-last-consumer`. @default `${hostname}:${pid}:${random}` */
  readonly consumerId?: string;
  /**
   * How long an idempotency claim holds without renewal; renewed every third of it while the handler
   * runs, so a consumer killed mid-job frees its message this long after its last renewal.
   * @default 30_000
   */
  readonly processingTtlMs?: number;
  /** Pause before handing a message back after the broker refused its retry or DLQ copy. @default 1_000 */
  readonly settleRetryDelayMs?: number;
  readonly now?: () => number;
}

export const JOB_CONSUMER_DEFAULTS = Object.freeze({
  prefetch: 50,
  concurrency: 8,
  processingTtlMs: 30_000,
  settleRetryDelayMs: 1_000,
});

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const MESSAGE_SCOPE = { kind: 'message' } as const;
const decoder = new TextDecoder('utf-8', { fatal: true });

type Readable<Job> =
  | { readonly ok: true; readonly job: Job; readonly message: ConsumedMessage }
  | { readonly ok: false; readonly error: unknown };

/**
 * Consumes one job queue the way seed 000 §3.4 describes: context restored from headers, idempotent by
 * `x-message-id`, TRANSIENT failures up the retry ladder, PERMANENT failures and poison straight to the
 * DLQ with the §3.6 headers. A message is acknowledged only after its outcome is safe: processed, parked
 * on a rung (publish confirmed) or in the DLQ (publish confirmed). `close()` drains: it stops taking
 * messages, hands back the ones not started, and waits for the running ones.
 */
export class JobConsumer<Job> {
  readonly #options: JobConsumerOptions<Job>;
  readonly #settings: { readonly [K in keyof typeof JOB_CONSUMER_DEFAULTS]: number };
  readonly #consumerId: string;
  readonly #now: () => number;
  readonly #events = new TypedEmitter<JobConsumerEvents>();
  readonly #gate: ConcurrencyGate<Delivery>;
  readonly #settled = new WeakSet<Delivery>();
  readonly #running = new Map<Delivery, Promise<void>>();
  #subscription: Subscription | undefined;
  #closing = false;

  constructor(options: JobConsumerOptions<Job>) {
    this.#options = options;
    this.#settings = {
      prefetch: options.prefetch ?? JOB_CONSUMER_DEFAULTS.prefetch,
      concurrency: options.concurrency ?? JOB_CONSUMER_DEFAULTS.concurrency,
      processingTtlMs: options.processingTtlMs ?? JOB_CONSUMER_DEFAULTS.processingTtlMs,
      settleRetryDelayMs: options.settleRetryDelayMs ?? JOB_CONSUMER_DEFAULTS.settleRetryDelayMs,
    };
    this.#consumerId = options.consumerId ?? `${hostname()}:${process.pid}:${newSpanId().slice(0, 6)}`;
    this.#now = options.now ?? Date.now;
    this.#gate = new ConcurrencyGate(this.#settings.concurrency, (delivery) => this.#track(delivery));
  }

  get consumerId(): string {
    return this.#consumerId;
  }

  on<K extends keyof JobConsumerEvents>(name: K, listener: (event: JobConsumerEvents[K]) => void): Unsubscribe {
    return this.#events.on(name, listener);
  }

  /** Messages being handled, and messages delivered but waiting for a free slot. */
  load(): { readonly running: number; readonly waiting: number } {
    return { running: this.#gate.running, waiting: this.#gate.waiting };
  }

  async start(): Promise<void> {
    if (this.#subscription !== undefined || this.#closing) throw new Error('A JobConsumer starts once.');
    this.#subscription = await this.#options.broker.consume(
      this.#options.queue.queue,
      (delivery) => {
        if (this.#closing) void this.#settle(delivery, 'requeue');
        else this.#gate.push(delivery);
      },
      { prefetch: this.#settings.prefetch },
    );
  }

  /**
   * Stops taking messages and hands back those not started. Running handlers get `timeoutMs` to finish;
   * the messages of any still running then are handed back too (never acknowledged unfinished) and will
   * be delivered again, where idempotency sees whether the late handler completed after all.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    await this.#subscription?.cancel().catch((error: unknown) => {
      this.#options.logger.warn({ err: error }, 'cancelling the subscription failed');
    });
    await Promise.all(this.#gate.drainWaiting().map((delivery) => this.#settle(delivery, 'requeue')));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all(this.#running.values()), deadline]);
    clearTimeout(timer);
    await Promise.all([...this.#running.keys()].map((delivery) => this.#settle(delivery, 'requeue')));
  }

  #track(delivery: Delivery): Promise<void> {
    const work = this.#handle(delivery).catch(async (error: unknown) => {
      this.#options.logger.error({ err: error, messageId: delivery.messageId }, 'message handling failed unexpectedly');
      await this.#settle(delivery, 'requeue');
    });
    this.#running.set(delivery, work);
    return work.finally(() => this.#running.delete(delivery));
  }

  async #handle(delivery: Delivery): Promise<void> {
    if (this.#closing) {
      await this.#settle(delivery, 'requeue');
      return;
    }
    const readable = this.#read(delivery);
    if (!readable.ok) {
      await this.#deadLetter(delivery, undefined, undefined, readable.error, DlqReason.PoisonMessage);
      return;
    }
    await runWithContext(readable.message.context, () => this.#process(delivery, readable.job, readable.message));
  }

  #read(delivery: Delivery): Readable<Job> {
    try {
      const { messageId, headers } = delivery;
      if (messageId === undefined || !ULID.test(messageId)) {
        throw new InvektoError('INV-BUS-003', { message: 'The message has no ULID message id.' });
      }
      const version = headerText(headers, H.SchemaVersion);
      if (version === undefined || !this.#options.schemaVersions.includes(version)) {
        throw new InvektoError('INV-BUS-004', {
          message: `Schema version ${JSON.stringify(version ?? null)} is not one of ${this.#options.schemaVersions.join(', ')}.`,
        });
      }
      let body: unknown;
      try {
        body = JSON.parse(decoder.decode(delivery.body));
      } catch (error) {
        throw new InvektoError('INV-BUS-003', { message: 'The message body is not UTF-8 JSON.', cause: error });
      }
      const context = contextFromMessage(headers, this.#now());
      const job = this.#options.handler.decode(body, headers);
      const message: ConsumedMessage = {
        messageId,
        retryCount: headerCount(headers, H.RetryCount, 0),
        redelivered: delivery.redelivered,
        headers,
        context,
      };
      return { ok: true, job, message };
    } catch (error) {
      return { ok: false, error };
    }
  }

  async #process(delivery: Delivery, job: Job, message: ConsumedMessage): Promise<void> {
    const { guard, handler } = this.#options;
    const ttl = { processingTtlMs: this.#settings.processingTtlMs };
    let claim;
    try {
      claim = await guard.begin(MESSAGE_SCOPE, message.messageId, ttl);
    } catch (error) {
      // The idempotency store is unreachable: without a claim the work could run twice, so wait a rung.
      await this.#fail(delivery, job, message, error);
      return;
    }
    if (claim.state === 'completed') {
      this.#events.emit('duplicate', { messageId: message.messageId, state: 'completed' });
      await this.#settle(delivery, 'ack');
      return;
    }
    if (claim.state === 'in-progress') {
      // Another delivery of this message is running (or its consumer died and the claim has not lapsed):
      // park this copy on the first rung, retry count unchanged; it returns and finds the outcome.
      this.#events.emit('duplicate', { messageId: message.messageId, state: 'in-progress' });
      await this.#park(delivery);
      return;
    }

    const { owner } = claim;
    const heartbeat = setInterval(
      () => {
        guard.extend(MESSAGE_SCOPE, message.messageId, owner, ttl).catch((error: unknown) => {
          this.#options.logger.warn({ err: error }, 'renewing the idempotency claim failed');
        });
      },
      Math.max(1, Math.floor(this.#settings.processingTtlMs / 3)),
    );
    const started = this.#now();
    let summary: JsonValue | void;
    try {
      summary = await handler.process(job, message);
    } catch (error) {
      clearInterval(heartbeat);
      await guard.release(MESSAGE_SCOPE, message.messageId, owner).catch((releaseError: unknown) => {
        this.#options.logger.warn({ err: releaseError }, 'releasing the idempotency claim failed');
      });
      await this.#fail(delivery, job, message, error);
      return;
    }
    clearInterval(heartbeat);
    await guard.complete(MESSAGE_SCOPE, message.messageId, owner, summary ?? null).catch((error: unknown) => {
      // The work is done; a duplicate delivery would redo it, which the handler's effects tolerate.
      this.#options.logger.warn({ err: error }, 'recording the completed message failed');
    });
    if (await this.#settle(delivery, 'ack')) {
      this.#events.emit('processed', {
        messageId: message.messageId,
        retryCount: message.retryCount,
        durationMs: this.#now() - started,
      });
    }
  }

  async #fail(delivery: Delivery, job: Job, message: ConsumedMessage, error: unknown): Promise<void> {
    const category = isInvektoError(error) ? error.category : classifyError(error);
    const failure = describeFailure(error, category);
    const maxRetries = headerCount(delivery.headers, H.MaxRetries, this.#options.retryRungs.length);
    const decision = decideOnFailure({
      category,
      retryCount: message.retryCount,
      maxRetries,
      rungs: this.#options.retryRungs,
    });
    if (decision.action === 'dead-letter') {
      await this.#deadLetter(delivery, job, message, error, decision.reason);
      return;
    }
    const { rung, attempt } = decision;
    const headers = retryHeaders({ ...this.#failureContext(delivery, failure), rung: rung.queue, attempt });
    const parked = await this.#republish(
      delivery,
      Exchanges.Retry,
      retryRoutingKey(rung, this.#originalRoutingKey(delivery)),
      headers,
    );
    if (!parked) return;
    this.#options.logger.warn(
      { messageId: message.messageId, attempt, rung: rung.queue, code: failure.code, category },
      'job failed; parked on the retry ladder',
    );
    this.#events.emit('retry-scheduled', {
      messageId: message.messageId,
      attempt,
      rung: rung.queue,
      delayMs: rung.delayMs,
      code: failure.code,
      category,
    });
    await this.#options.handler
      .onRetryScheduled?.(job, message, { attempt, rung, failure })
      .catch((hookError: unknown) => {
        this.#options.logger.warn({ err: hookError }, 'the retry hook failed');
      });
  }

  async #deadLetter(
    delivery: Delivery,
    job: Job | undefined,
    message: ConsumedMessage | undefined,
    error: unknown,
    reason: DlqReason,
  ): Promise<void> {
    const category = isInvektoError(error) ? error.category : classifyError(error);
    const failure = describeFailure(error, category);
    const headers = deadLetterHeaders({
      ...this.#failureContext(delivery, failure),
      reason,
      consumerId: this.#consumerId,
    });
    const parked = await this.#republish(
      delivery,
      Exchanges.DeadLetter,
      this.#options.queue.deadLetterRoutingKey,
      headers,
    );
    if (!parked) return;
    const retryCount = headerCount(delivery.headers, H.RetryCount, 0);
    this.#options.logger.error(
      { messageId: delivery.messageId, reason, code: failure.code, category, retryCount },
      'job dead-lettered',
    );
    this.#events.emit('dead-lettered', { messageId: delivery.messageId, reason, code: failure.code, retryCount });
    await this.#options.handler
      .onDeadLettered?.(job, message, { reason, failure, retryCount })
      .catch((hookError: unknown) => {
        this.#options.logger.warn({ err: hookError }, 'the dead-letter hook failed');
      });
  }

  async #park(delivery: Delivery): Promise<void> {
    const rung = this.#options.retryRungs[0];
    if (rung === undefined) {
      await this.#settle(delivery, 'requeue');
      return;
    }
    const routingKey = this.#originalRoutingKey(delivery);
    const headers: Record<string, HeaderValue> = {
      ...delivery.headers,
      [H.OriginalQueue]: this.#options.queue.queue,
      [H.OriginalRoutingKey]: routingKey,
    };
    delete headers[H.Death];
    await this.#republish(delivery, Exchanges.Retry, retryRoutingKey(rung, routingKey), headers);
  }

  /** Publishes the delivery's copy, confirmed, then acknowledges the delivery; hands it back if refused. */
  async #republish(
    delivery: Delivery,
    exchange: string,
    routingKey: string,
    headers: MessageHeaders,
  ): Promise<boolean> {
    try {
      await this.#options.broker.publish({
        exchange,
        routingKey,
        messageId: delivery.messageId ?? newSpanId(),
        body: delivery.body,
        headers,
        contentType: delivery.contentType,
        timestamp: delivery.timestamp,
      });
    } catch (error) {
      this.#events.emit('settle-failed', { messageId: delivery.messageId, error });
      this.#options.logger.error(
        { err: error, messageId: delivery.messageId, exchange },
        'the broker refused the retry or DLQ copy; handing the message back',
      );
      await new Promise((resolve) => setTimeout(resolve, this.#settings.settleRetryDelayMs));
      await this.#settle(delivery, 'requeue');
      return false;
    }
    return this.#settle(delivery, 'ack');
  }

  #failureContext(delivery: Delivery, failure: FailureInfo) {
    return {
      headers: delivery.headers,
      failure,
      now: this.#now(),
      originalQueue: this.#options.queue.queue,
      originalRoutingKey: this.#originalRoutingKey(delivery),
    };
  }

  /** The job's own routing key, also when the delivery came back from a rung as `<rung>.<key>`. */
  #originalRoutingKey(delivery: Delivery): string {
    return headerText(delivery.headers, H.OriginalRoutingKey) ?? this.#options.queue.routingKey;
  }

  /** Settles once; resolves false when the broker could not take the settlement (it redelivers later). */
  async #settle(delivery: Delivery, action: 'ack' | 'requeue'): Promise<boolean> {
    if (this.#settled.has(delivery)) return false;
    this.#settled.add(delivery);
    try {
      if (action === 'ack') await delivery.ack();
      else await delivery.reject({ requeue: true });
      return true;
    } catch (error) {
      this.#events.emit('settle-failed', { messageId: delivery.messageId, error });
      this.#options.logger.warn({ err: error, messageId: delivery.messageId, action }, 'settling a message failed');
      return false;
    }
  }
}
