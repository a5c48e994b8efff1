import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Delivery, DeliveryHandler, Subscription } from '../broker/broker.js';
import { fromAmqpHeaders } from './amqp-headers.js';
import { brokerClosedError, unreachableError } from './rabbitmq-errors.js';

/** What a subscription needs from its broker. */
export interface SubscriptionHost {
  readonly address: string;
  /** The broker was closed: settling now rejects with `INV-SYS-004`. */
  isClosed(): boolean;
  /** The live connection, or undefined while the broker reconnects. */
  connection(): ChannelModel | undefined;
  /** Pause before re-subscribing after failure number `attempt`. */
  retryDelayMs(attempt: number): number;
  /** Re-subscribing failed; another attempt follows after `retryDelayMs`. */
  onResumeFailed(queue: string, attempt: number, error: unknown): void;
  /** The handler threw; the delivery was handed back to the queue. */
  onHandlerError(queue: string, error: unknown): void;
  /** The subscription was cancelled and holds nothing more; the broker forgets it. */
  onFinished(subscription: RabbitMqSubscription): void;
}

/** One channel's consumer; deliveries settle on the channel they came on, or not at all. */
interface ConsumerChannel {
  readonly channel: Channel;
  consumerTag: string | undefined;
  unsettled: number;
  /** Closed, by RabbitMQ, with the connection, or by us. */
  dead: boolean;
  /** Cancelled: close the channel once nothing is unsettled. */
  draining: boolean;
}

/**
 * A consumer on its own channel with basic.qos(prefetch). When the connection drops, the broker calls
 * `detach` and later `resume` on the new connection, so the handler keeps receiving; when only the
 * channel dies (RabbitMQ closed it after an error), the subscription re-subscribes by itself with backoff.
 * Deliveries of a dead channel cannot be settled (`INV-BUS-006`); RabbitMQ delivers them again.
 */
export class RabbitMqSubscription implements Subscription {
  readonly queue: string;
  readonly #handler: DeliveryHandler;
  readonly #prefetch: number;
  readonly #host: SubscriptionHost;
  #current: ConsumerChannel | undefined;
  #starting = false;
  #cancelled = false;
  #resumeTimer: NodeJS.Timeout | undefined;
  #resumeAttempt = 0;

  constructor(queue: string, handler: DeliveryHandler, prefetch: number, host: SubscriptionHost) {
    this.queue = queue;
    this.#handler = handler;
    this.#prefetch = prefetch;
    this.#host = host;
  }

  /** Opens the channel and starts consuming; rejects with amqplib's error when RabbitMQ refuses. */
  async start(connection: ChannelModel): Promise<void> {
    if (this.#cancelled || this.#current !== undefined || this.#starting) return;
    this.#starting = true;
    try {
      const channel = await connection.createChannel();
      const consumer: ConsumerChannel = { channel, consumerTag: undefined, unsettled: 0, dead: false, draining: false };
      channel.on('error', () => undefined);
      channel.on('close', () => this.#onChannelClosed(consumer));
      try {
        await channel.prefetch(this.#prefetch);
        const { consumerTag } = await channel.consume(this.queue, (message) => this.#onMessage(consumer, message), {
          noAck: false,
        });
        consumer.consumerTag = consumerTag;
      } catch (error) {
        consumer.dead = true;
        await channel.close().catch(() => undefined);
        throw error;
      }
      if (consumer.dead) throw new Error(`The channel consuming ${this.queue} closed while it was set up.`);
      // Cancelled while the consumer was being set up: take it down again.
      if (this.#cancelled) {
        await this.#drain(consumer);
        return;
      }
      this.#current = consumer;
    } finally {
      this.#starting = false;
    }
  }

  async cancel(): Promise<void> {
    if (this.#cancelled) return;
    this.#cancelled = true;
    clearTimeout(this.#resumeTimer);
    const consumer = this.#current;
    this.#current = undefined;
    if (consumer === undefined) {
      this.#host.onFinished(this);
      return;
    }
    await this.#drain(consumer);
  }

  /** The connection is gone: forget its channel until `resume`. */
  detach(): void {
    if (this.#current !== undefined) this.#current.dead = true;
    this.#current = undefined;
    clearTimeout(this.#resumeTimer);
  }

  /** Consumes again on a new connection; a failure is reported and retried with backoff. */
  async resume(connection: ChannelModel): Promise<void> {
    try {
      await this.start(connection);
      this.#resumeAttempt = 0;
    } catch (error) {
      this.#scheduleResume(error);
    }
  }

  /** The broker closes: close the channel, which hands every unsettled delivery back to the queue. */
  async shutdown(): Promise<void> {
    this.#cancelled = true;
    clearTimeout(this.#resumeTimer);
    const consumer = this.#current;
    this.#current = undefined;
    if (consumer === undefined || consumer.dead) return;
    consumer.dead = true;
    await consumer.channel.close().catch(() => undefined);
  }

  async #drain(consumer: ConsumerChannel): Promise<void> {
    consumer.draining = true;
    if (!consumer.dead && consumer.consumerTag !== undefined) {
      // A channel that dies meanwhile delivers nothing more either.
      await consumer.channel.cancel(consumer.consumerTag).catch(() => undefined);
    }
    await this.#closeIfSettled(consumer);
  }

  async #closeIfSettled(consumer: ConsumerChannel): Promise<void> {
    // Deliveries of a dead channel are back with RabbitMQ already; nothing is left to wait for.
    if (!consumer.draining || (consumer.unsettled > 0 && !consumer.dead)) return;
    if (!consumer.dead) {
      consumer.dead = true;
      await consumer.channel.close().catch(() => undefined);
    }
    this.#host.onFinished(this);
  }

  #onMessage(consumer: ConsumerChannel, message: ConsumeMessage | null): void {
    if (message === null) {
      // RabbitMQ cancelled the consumer (the queue was deleted): start over on a fresh channel.
      consumer.dead = true;
      void consumer.channel.close().catch(() => undefined);
      return;
    }
    consumer.unsettled += 1;
    const delivery = this.#delivery(consumer, message);
    try {
      this.#handler(delivery);
    } catch (error) {
      this.#host.onHandlerError(this.queue, error);
      void delivery.reject({ requeue: true }).catch(() => undefined);
    }
  }

  #delivery(consumer: ConsumerChannel, message: ConsumeMessage): Delivery {
    const { fields, properties } = message;
    let settled = false;
    const settle = async (action: 'ack' | 'requeue' | 'dead-letter'): Promise<void> => {
      if (settled) throw new Error(`This delivery from ${this.queue} was already settled; settle a delivery once.`);
      if (this.#host.isClosed()) throw brokerClosedError();
      if (consumer.dead) {
        throw unreachableError(
          this.#host.address,
          `the channel ${this.queue} was delivered on is gone; RabbitMQ delivers the message again`,
        );
      }
      settled = true;
      try {
        if (action === 'ack') consumer.channel.ack(message);
        else consumer.channel.reject(message, action === 'requeue');
      } catch (error) {
        throw unreachableError(this.#host.address, `settling a delivery of ${this.queue} failed`, error);
      }
      consumer.unsettled -= 1;
      await this.#closeIfSettled(consumer);
    };
    const messageId: unknown = properties.messageId;
    const contentType: unknown = properties.contentType;
    const timestamp: unknown = properties.timestamp;
    return Object.freeze({
      queue: this.queue,
      exchange: fields.exchange,
      routingKey: fields.routingKey,
      messageId: typeof messageId === 'string' ? messageId : undefined,
      headers: fromAmqpHeaders(properties.headers),
      body: message.content,
      contentType: typeof contentType === 'string' ? contentType : undefined,
      // The AMQP timestamp property counts whole seconds.
      timestamp: typeof timestamp === 'number' ? timestamp * 1_000 : undefined,
      redelivered: fields.redelivered,
      ack: () => settle('ack'),
      reject: (options: { readonly requeue: boolean }) => settle(options.requeue ? 'requeue' : 'dead-letter'),
    });
  }

  #onChannelClosed(consumer: ConsumerChannel): void {
    consumer.dead = true;
    if (this.#current !== consumer) return;
    this.#current = undefined;
    if (this.#cancelled || this.#host.isClosed()) return;
    // With the connection, `detach` and `resume` take over; alone, the channel is re-opened here.
    this.#scheduleResume(undefined);
  }

  #scheduleResume(error: unknown): void {
    if (this.#cancelled || this.#host.isClosed()) return;
    this.#resumeAttempt += 1;
    if (error !== undefined) this.#host.onResumeFailed(this.queue, this.#resumeAttempt, error);
    clearTimeout(this.#resumeTimer);
    this.#resumeTimer = setTimeout(() => {
      const connection = this.#host.connection();
      if (connection !== undefined) void this.resume(connection);
    }, this.#host.retryDelayMs(this.#resumeAttempt));
  }
}
