import type { Topology } from '../topology/topology.js';

/**
 * A header value as AMQP 0-9-1 carries it. RabbitMQ's own `x-death` is an array of tables, most recent
 * death first, each at least `{ queue, reason, count, exchange, 'routing-keys' }` plus `time` in epoch
 * milliseconds (whole seconds on RabbitMQ); everything Invekto writes itself (seed 000 §3.2, §3.6) is a
 * string or a number.
 */
export type HeaderValue =
  string | number | boolean | null | readonly HeaderValue[] | { readonly [key: string]: HeaderValue };

export type MessageHeaders = Readonly<Record<string, HeaderValue>>;

/** A message to publish. */
export interface OutgoingMessage {
  /** Exchange name, e.g. `invekto.direct`. */
  readonly exchange: string;
  readonly routingKey: string;
  /** ULID; becomes the AMQP `message-id` property. */
  readonly messageId: string;
  readonly body: Uint8Array;
  readonly headers?: MessageHeaders | undefined;
  /** @default 'application/json' */
  readonly contentType?: string | undefined;
  /** Epoch milliseconds; queue ages are measured from it. @default now */
  readonly timestamp?: number | undefined;
}

/**
 * One message handed to a consumer. It stays with the consumer (counted against its prefetch) until
 * `ack` or `reject` is called exactly once (a second call rejects and changes nothing); a consumer that
 * dies without settling it has it delivered again with `redelivered: true` (RabbitMQ: when the channel
 * closes; embedded: when its lease lapses).
 */
export interface Delivery {
  readonly queue: string;
  /** The exchange and routing key the message was last published (or dead-lettered) with. */
  readonly exchange: string;
  readonly routingKey: string;
  /** The AMQP `message-id` property; `undefined` when the producer set none (a poison message). */
  readonly messageId: string | undefined;
  readonly headers: MessageHeaders;
  readonly body: Buffer;
  readonly contentType: string | undefined;
  /**
   * Publish time in epoch milliseconds, when the producer set one. RabbitMQ keeps whole seconds (the
   * AMQP timestamp property), so it may read up to 999 ms earlier than the value published.
   */
  readonly timestamp: number | undefined;
  /** True when this message was delivered before and not settled. */
  readonly redelivered: boolean;
  /** Removes the message for good. */
  ack(): Promise<void>;
  /**
   * `requeue: true` puts the message back to be delivered again. `requeue: false` dead-letters it through
   * its queue's `x-dead-letter-exchange` (with `x-dead-letter-routing-key` if the queue has one, its own
   * routing key otherwise), adding an `x-death` entry with reason `rejected`; a queue without a
   * dead-letter exchange drops it.
   */
  reject(options: { readonly requeue: boolean }): Promise<void>;
}

/** Called once per delivered message; must settle it (ack or reject) sooner or later. */
export type DeliveryHandler = (delivery: Delivery) => void;

export interface ConsumeOptions {
  /** Most unsettled deliveries this subscription holds at once (AMQP basic.qos prefetch). */
  readonly prefetch: number;
}

export interface Subscription {
  readonly queue: string;
  /**
   * Stops new deliveries. Messages already delivered stay with the caller, who still settles them;
   * resolves once the broker has confirmed the cancel, so no delivery arrives after it.
   */
  cancel(): Promise<void>;
}

/** What one queue looks like right now; `null` for a figure the adapter cannot tell. */
export interface QueueStats {
  readonly queue: string;
  /** Messages waiting to be delivered (delayed ones included on the embedded broker). */
  readonly ready: number;
  /** Messages delivered and not yet settled. */
  readonly unacked: number | null;
  readonly consumers: number;
  /** Age of the oldest message in the queue, from its publish timestamp; null when empty or unknown. */
  readonly oldestMessageAgeMs: number | null;
  /** Messages per second published into the queue, over the last minute or so. */
  readonly publishRatePerSec: number | null;
  /** Messages per second delivered from the queue, over the last minute or so. */
  readonly deliverRatePerSec: number | null;
}

/**
 * The message broker port: RabbitMQ in production (`RabbitMqBroker`), a SQL-backed queue for `invekto up`
 * and tests (`SqlBroker` on PGlite or PostgreSQL). `describeBrokerContract` holds both to the same
 * semantics: durable messages, direct exchanges with bindings, per-queue message TTL that dead-letters
 * (so the retry rungs of the topology return messages to their job queue), dead-lettering on reject,
 * `x-max-length` with `reject-publish`, prefetch and manual acknowledgement.
 *
 * Failures are `InvektoError`s: broker unreachable → `INV-BUS-006`; a publish the broker refused or
 * never confirmed → `INV-BUS-001`; a routing key no queue is bound to → `INV-BUS-002`. After `close`
 * every call rejects with `INV-SYS-004`.
 */
export interface Broker {
  /** Declares the exchanges, queues and bindings of `topology`, idempotently. */
  declare(topology: Topology): Promise<void>;
  /**
   * Publishes a persistent message and resolves once the broker has confirmed it (publisher confirms):
   * from then on it survives a broker restart. A publish that is refused — no queue bound for the
   * routing key, a full queue with `reject-publish` — or never confirmed rejects; it is never lost silently.
   */
  publish(message: OutgoingMessage): Promise<void>;
  /** Starts delivering messages of `queue` to `handler`, at most `prefetch` unsettled at a time. */
  consume(queue: string, handler: DeliveryHandler, options: ConsumeOptions): Promise<Subscription>;
  /** Figures for each named queue, in the same order. Rejects for a queue that does not exist. */
  stats(queues: readonly string[]): Promise<QueueStats[]>;
  /** Deletes every ready message of `queue`; resolves how many. */
  purge(queue: string): Promise<number>;
  /** Resolves when the broker answers. */
  ping(): Promise<void>;
  /**
   * Cancels every subscription and closes the connection. Unsettled deliveries are returned to their
   * queue (delivered again later), never acknowledged. Idempotent.
   */
  close(): Promise<void>;
}
