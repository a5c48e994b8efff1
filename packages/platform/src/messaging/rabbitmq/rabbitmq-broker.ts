import { isInvektoError } from '@invekto/contracts';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { retryDelayMs } from '../../resilience/retry-backoff.js';
import { TypedEmitter, type Unsubscribe } from '../../resilience/typed-emitter.js';
import type {
  Broker,
  ConsumeOptions,
  DeliveryHandler,
  OutgoingMessage,
  QueueStats,
  Subscription,
} from '../broker/broker.js';
import { declareTopology, isTopologyConflictError } from '../topology/declare-topology.js';
import type { Topology } from '../topology/topology.js';
import { toAmqpHeaders } from './amqp-headers.js';
import { ConfirmPublisher } from './confirm-publisher.js';
import {
  fetchManagementQueueFigures,
  UNKNOWN_FIGURES,
  type ManagementQueueFigures,
} from './management-queue-figures.js';
import type { RabbitMqBrokerEvents } from './rabbitmq-broker-events.js';
import {
  resolveRabbitMqBrokerOptions,
  type RabbitMqBrokerOptions,
  type ResolvedRabbitMqBrokerOptions,
} from './rabbitmq-broker-options.js';
import { brokerClosedError, ReplyCode, refusedError, replyCodeOf, unreachableError } from './rabbitmq-errors.js';
import { RabbitMqSubscription, type SubscriptionHost } from './rabbitmq-subscription.js';

/** Channel-level refusals: the request was wrong, the connection is fine. */
const REFUSALS = new Set<number>([ReplyCode.AccessRefused, ReplyCode.NotFound, 405, ReplyCode.PreconditionFailed]);
/** Most prefetch AMQP's basic.qos can express (a short). */
const MAX_PREFETCH = 65_535;

type State = 'open' | 'reconnecting' | 'closed';

/**
 * The `Broker` port on RabbitMQ (amqplib). One connection; publishes go through one confirm channel as
 * persistent, `mandatory` messages and resolve on the broker's confirm; every subscription has its own
 * channel with basic.qos(prefetch) and manual acknowledgement.
 *
 * `connect` fails fast with `INV-BUS-006` when RabbitMQ does not answer within `connectTimeoutMs`. When an
 * open connection drops, publishes in flight reject with `INV-BUS-006`, and so does every call until the
 * broker has reconnected in the background (capped exponential backoff); subscriptions then consume again
 * with the same handlers. Deliveries received before the drop cannot be settled (`INV-BUS-006`);
 * RabbitMQ delivers them again, marked redelivered.
 *
 * `stats()` reads ready and consumer counts from RabbitMQ itself; unacknowledged count, oldest message
 * age and rates come from the management API when `managementUrl` is set and null otherwise.
 */
export class RabbitMqBroker implements Broker {
  readonly #settings: ResolvedRabbitMqBrokerOptions;
  readonly #events = new TypedEmitter<RabbitMqBrokerEvents>();
  readonly #subscriptions = new Set<RabbitMqSubscription>();
  readonly #subscriptionHost: SubscriptionHost;
  #state: State = 'open';
  #connection: ChannelModel | undefined;
  #publisher: ConfirmPublisher | undefined;
  #publisherOpening: Promise<ConfirmPublisher> | undefined;
  #lastError: Error | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;

  /** Connects and opens the publishing channel; rejects with `INV-BUS-006` when RabbitMQ does not answer. */
  static async connect(options: RabbitMqBrokerOptions): Promise<RabbitMqBroker> {
    const settings = resolveRabbitMqBrokerOptions(options);
    const connection = await openConnection(settings);
    const broker = new RabbitMqBroker(settings);
    broker.#attach(connection);
    try {
      await broker.#openPublisher(connection);
    } catch (error) {
      const failure = broker.#translate('open the publishing channel', error);
      await broker.close();
      throw failure;
    }
    return broker;
  }

  private constructor(settings: ResolvedRabbitMqBrokerOptions) {
    this.#settings = settings;
    this.#subscriptionHost = {
      address: settings.address,
      isClosed: () => this.#state === 'closed',
      connection: () => (this.#state === 'open' ? this.#connection : undefined),
      retryDelayMs: (attempt) => this.#backoffMs(attempt),
      onResumeFailed: (queue, attempt, error) => this.#events.emit('subscription-error', { queue, attempt, error }),
      onHandlerError: (queue, error) => this.#events.emit('handler-error', { queue, error }),
      onFinished: (subscription) => this.#subscriptions.delete(subscription),
    };
  }

  on<K extends keyof RabbitMqBrokerEvents>(name: K, listener: (event: RabbitMqBrokerEvents[K]) => void): Unsubscribe {
    return this.#events.on(name, listener);
  }

  /** `open` while connected, `reconnecting` after the connection dropped, `closed` after `close()`. */
  get state(): State {
    return this.#state;
  }

  async declare(topology: Topology): Promise<void> {
    await this.#withChannel('declare the topology', (channel) => declareTopology(channel, topology));
  }

  async publish(message: OutgoingMessage): Promise<void> {
    this.#liveConnection('publish');
    checkMessage(message);
    const publisher = await this.#currentPublisher();
    const { body } = message;
    await publisher.publish({
      exchange: message.exchange,
      routingKey: message.routingKey,
      content: Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      options: {
        mandatory: true,
        persistent: true,
        messageId: message.messageId,
        contentType: message.contentType ?? 'application/json',
        // AMQP timestamps count whole seconds (and the management API reads queue ages from them).
        timestamp: Math.floor((message.timestamp ?? Date.now()) / 1_000),
        headers: toAmqpHeaders(message.headers),
      },
    });
  }

  async consume(queue: string, handler: DeliveryHandler, options: ConsumeOptions): Promise<Subscription> {
    const connection = this.#liveConnection(`consume ${queue}`);
    const prefetch = options?.prefetch;
    if (!Number.isSafeInteger(prefetch) || prefetch < 1 || prefetch > MAX_PREFETCH) {
      throw new RangeError(`prefetch must be a whole number in 1..${MAX_PREFETCH}, got ${String(prefetch)}.`);
    }
    const subscription = new RabbitMqSubscription(queue, handler, prefetch, this.#subscriptionHost);
    try {
      await subscription.start(connection);
    } catch (error) {
      throw this.#translate(`consume ${queue}`, error);
    }
    if (this.#state === 'closed') {
      await subscription.shutdown();
      throw brokerClosedError();
    }
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async stats(queues: readonly string[]): Promise<QueueStats[]> {
    const counts = await this.#withChannel('read queue stats', async (channel) => {
      const replies = [];
      for (const queue of queues) replies.push(await channel.checkQueue(queue));
      return replies;
    });
    const extra = await Promise.all(queues.map((queue) => this.#managementFigures(queue)));
    const now = Date.now();
    return queues.map((queue, i): QueueStats => {
      const { messageCount, consumerCount } = counts[i] ?? { messageCount: 0, consumerCount: 0 };
      const figures = extra[i] ?? UNKNOWN_FIGURES;
      const head = figures.headMessageTimestamp;
      return {
        queue,
        ready: messageCount,
        unacked: figures.unacked,
        consumers: consumerCount,
        // The live count wins over the sampled head: an emptied queue has no oldest message.
        oldestMessageAgeMs: messageCount === 0 || head === null ? null : Math.max(0, now - head),
        publishRatePerSec: figures.publishRatePerSec,
        deliverRatePerSec: figures.deliverRatePerSec,
      };
    });
  }

  async purge(queue: string): Promise<number> {
    return this.#withChannel(`purge ${queue}`, async (channel) => (await channel.purgeQueue(queue)).messageCount);
  }

  async ping(): Promise<void> {
    await this.#withChannel('ping', async () => undefined);
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    this.#state = 'closed';
    clearTimeout(this.#reconnectTimer);
    // Closing a subscription's channel hands its unsettled deliveries back to their queue.
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.shutdown()));
    this.#subscriptions.clear();
    const publisher = this.#publisher;
    if (publisher !== undefined) {
      await publisher.drain();
      await publisher.close();
    }
    const connection = this.#connection;
    this.#connection = undefined;
    await connection?.close().catch(() => undefined);
    this.#events.removeAllListeners();
  }

  #attach(connection: ChannelModel): void {
    this.#connection = connection;
    connection.on('error', (error: Error) => {
      this.#lastError = error;
    });
    connection.on('close', (error?: Error) => this.#onConnectionClosed(connection, error));
    connection.on('blocked', (reason: string) => this.#events.emit('blocked', { reason }));
    connection.on('unblocked', () => this.#events.emit('unblocked', {}));
  }

  async #openPublisher(connection: ChannelModel): Promise<ConfirmPublisher> {
    const channel = await connection.createConfirmChannel();
    const publisher = new ConfirmPublisher(channel, {
      confirmTimeoutMs: this.#settings.confirmTimeoutMs,
      address: this.#settings.address,
      connectionLost: () => this.#connection !== connection || this.#state !== 'open',
    });
    if (this.#connection === connection) this.#publisher = publisher;
    return publisher;
  }

  /** The publisher, re-opened when RabbitMQ closed its channel (a publish to a missing exchange does). */
  async #currentPublisher(): Promise<ConfirmPublisher> {
    const publisher = this.#publisher;
    if (publisher !== undefined && !publisher.closed) return publisher;
    const connection = this.#liveConnection('publish');
    this.#publisherOpening ??= this.#openPublisher(connection).finally(() => {
      this.#publisherOpening = undefined;
    });
    try {
      return await this.#publisherOpening;
    } catch (error) {
      throw this.#translate('publish', error);
    }
  }

  #onConnectionClosed(connection: ChannelModel, error: Error | undefined): void {
    if (this.#connection !== connection) return;
    this.#connection = undefined;
    this.#publisher = undefined;
    if (this.#state === 'closed') return;
    this.#state = 'reconnecting';
    const cause = error ?? this.#lastError;
    for (const subscription of this.#subscriptions) subscription.detach();
    this.#events.emit('disconnected', { error: cause });
    this.#scheduleReconnect(1, cause);
  }

  #scheduleReconnect(attempt: number, error: unknown): void {
    if (this.#state === 'closed') return;
    const delayMs = this.#backoffMs(attempt);
    this.#events.emit('reconnect-scheduled', { attempt, delayMs, error });
    this.#reconnectTimer = setTimeout(() => void this.#reconnect(attempt), delayMs);
  }

  async #reconnect(attempt: number): Promise<void> {
    let connection: ChannelModel;
    try {
      connection = await openConnection(this.#settings);
    } catch (error) {
      this.#scheduleReconnect(attempt + 1, error);
      return;
    }
    if (this.#state === 'closed') {
      await connection.close().catch(() => undefined);
      return;
    }
    this.#attach(connection);
    try {
      await this.#openPublisher(connection);
    } catch (error) {
      this.#connection = undefined;
      await connection.close().catch(() => undefined);
      this.#scheduleReconnect(attempt + 1, error);
      return;
    }
    this.#state = 'open';
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.resume(connection)));
    this.#events.emit('reconnected', { attempts: attempt });
  }

  #backoffMs(attempt: number): number {
    const { reconnectDelayMs, maxReconnectDelayMs } = this.#settings;
    return retryDelayMs(
      attempt,
      {
        backoff: 'exponential',
        baseDelayMs: reconnectDelayMs,
        maxJitterMs: Math.ceil(reconnectDelayMs / 2),
        maxDelayMs: maxReconnectDelayMs,
      },
      Math.random,
    );
  }

  /** The open connection; `INV-SYS-004` after close, `INV-BUS-006` while reconnecting. */
  #liveConnection(operation: string): ChannelModel {
    if (this.#state === 'closed') throw brokerClosedError();
    const connection = this.#connection;
    if (this.#state !== 'open' || connection === undefined) {
      throw unreachableError(
        this.#settings.address,
        `${operation}: the connection is lost, reconnecting`,
        this.#lastError,
      );
    }
    return connection;
  }

  /** Runs `work` on a short-lived channel: a refusal (404 for a missing queue) closes only that channel. */
  async #withChannel<T>(operation: string, work: (channel: Channel) => Promise<T>): Promise<T> {
    const connection = this.#liveConnection(operation);
    let channel: Channel;
    try {
      channel = await connection.createChannel();
    } catch (error) {
      throw this.#translate(operation, error);
    }
    channel.on('error', () => undefined);
    try {
      return await work(channel);
    } catch (error) {
      throw this.#translate(operation, error);
    } finally {
      void channel.close().catch(() => undefined);
    }
  }

  async #managementFigures(queue: string): Promise<ManagementQueueFigures> {
    const endpoint = this.#settings.management;
    if (endpoint === undefined) return UNKNOWN_FIGURES;
    try {
      return await fetchManagementQueueFigures(endpoint, this.#settings.vhost, queue);
    } catch (error) {
      this.#events.emit('management-error', { error });
      return UNKNOWN_FIGURES;
    }
  }

  #translate(operation: string, error: unknown): Error {
    if (isInvektoError(error) || isTopologyConflictError(error)) return error;
    if (this.#state === 'closed') return brokerClosedError();
    const code = replyCodeOf(error);
    if (this.#state === 'open' && code !== undefined && REFUSALS.has(code)) {
      return refusedError(this.#settings.address, operation, error);
    }
    return unreachableError(this.#settings.address, `${operation} failed`, error);
  }
}

/** Opens a connection within `connectTimeoutMs`, or rejects with `INV-BUS-006`. */
async function openConnection(settings: ResolvedRabbitMqBrokerOptions): Promise<ChannelModel> {
  const attempt = connect(settings.url, {
    timeout: settings.connectTimeoutMs,
    clientProperties: { connection_name: settings.connectionName },
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${settings.connectTimeoutMs} ms`)),
      settings.connectTimeoutMs,
    );
  });
  try {
    return await Promise.race([attempt, deadline]);
  } catch (error) {
    // A connection that opens after the deadline would otherwise stay open, unowned.
    void attempt.then((late) => late.close()).catch(() => undefined);
    throw unreachableError(settings.address, 'could not open a connection', error);
  } finally {
    clearTimeout(timer);
  }
}

function checkMessage(message: OutgoingMessage): void {
  for (const field of ['exchange', 'routingKey', 'messageId'] as const) {
    if (typeof message[field] !== 'string') throw new TypeError(`${field} must be a string.`);
  }
  if (message.messageId.length === 0) throw new TypeError('messageId must not be empty.');
  if (!(message.body instanceof Uint8Array)) throw new TypeError('body must be a Uint8Array or Buffer.');
  const { timestamp } = message;
  if (timestamp !== undefined && (!Number.isFinite(timestamp) || timestamp < 0)) {
    throw new RangeError(`timestamp must be epoch milliseconds, got ${String(timestamp)}.`);
  }
}
