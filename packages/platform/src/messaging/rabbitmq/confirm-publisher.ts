import type { InvektoError } from '@invekto/contracts';
import type { ConfirmChannel, Message, Options } from 'amqplib';
import { notConfirmedError, ReplyCode, replyCodeOf, unreachableError, unroutableError } from './rabbitmq-errors.js';

export interface PublishRequest {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Buffer;
  /** Must carry a `messageId`: returned messages are matched to their publish by it. */
  readonly options: Options.Publish & { readonly messageId: string };
}

export interface ConfirmPublisherOptions {
  readonly confirmTimeoutMs: number;
  /** `host:port vhost` for error details. */
  readonly address: string;
  /** Asked when the channel closes under unconfirmed publishes: was it the whole connection? */
  readonly connectionLost: () => boolean;
}

interface PendingPublish {
  readonly exchange: string;
  readonly routingKey: string;
  readonly messageId: string;
  /** RabbitMQ sent it back (basic.return): no queue was bound for its routing key. */
  returned: boolean;
  done: boolean;
  readonly outcome: Promise<void>;
  settle(error: Error | undefined): void;
}

/**
 * Publishes on one confirm channel and resolves each publish on its broker confirm. `mandatory`
 * publishes that no queue takes come back as basic.return before their ack and reject with
 * `INV-BUS-002`; a nack, a missing confirm after `confirmTimeoutMs`, or a channel closing first reject
 * with `INV-BUS-001` (`INV-BUS-006` when the connection went). When the channel's write buffer is full,
 * later publishes wait for it to drain before they write.
 */
export class ConfirmPublisher {
  readonly #channel: ConfirmChannel;
  readonly #options: ConfirmPublisherOptions;
  /** In publish order, which is also the order RabbitMQ returns and confirms in. */
  readonly #pending = new Set<PendingPublish>();
  #drained: Promise<void> | undefined;
  #channelError: Error | undefined;
  #closed = false;

  constructor(channel: ConfirmChannel, options: ConfirmPublisherOptions) {
    this.#channel = channel;
    this.#options = options;
    channel.on('return', (message: Message) => this.#onReturn(message));
    channel.on('error', (error: Error) => {
      this.#channelError = error;
    });
    channel.on('close', () => {
      this.#closed = true;
    });
  }

  /** The channel is gone (closed by RabbitMQ after an error, or with its connection); open another. */
  get closed(): boolean {
    return this.#closed;
  }

  publish(request: PublishRequest): Promise<void> {
    const pending = this.#track(request);
    void this.#write(request, pending);
    return pending.outcome;
  }

  /** Resolves once every publish in flight is settled, confirmed or not. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#pending].map((pending) => pending.outcome));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#channel.close().catch(() => undefined);
  }

  #track(request: PublishRequest): PendingPublish {
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const outcome = new Promise<void>((onResolve, onReject) => {
      resolve = onResolve;
      reject = onReject;
    });
    const { confirmTimeoutMs, address } = this.#options;
    const timer = setTimeout(
      () => pending.settle(notConfirmedError(address, `no publisher confirm within ${confirmTimeoutMs} ms`)),
      confirmTimeoutMs,
    );
    const pending: PendingPublish = {
      exchange: request.exchange,
      routingKey: request.routingKey,
      messageId: request.options.messageId,
      returned: false,
      done: false,
      outcome,
      settle: (error) => {
        if (pending.done) return;
        pending.done = true;
        clearTimeout(timer);
        this.#pending.delete(pending);
        if (error === undefined) resolve();
        else reject(error);
      },
    };
    this.#pending.add(pending);
    return pending;
  }

  async #write(request: PublishRequest, pending: PendingPublish): Promise<void> {
    while (this.#drained !== undefined) await this.#drained;
    // Timed out while waiting for the buffer: the caller has its answer, so the message is not sent.
    if (pending.done) return;
    if (this.#closed) {
      pending.settle(this.#closedError(pending));
      return;
    }
    let flushed: boolean;
    try {
      flushed = this.#channel.publish(request.exchange, request.routingKey, request.content, request.options, (error) =>
        this.#onConfirm(pending, error),
      );
    } catch (error) {
      // amqplib throws IllegalOperationError once the channel is closing, a RangeError or TypeError for a
      // message it cannot encode (headers over 64 KiB, say); the latter is the caller's to fix.
      const closing = error instanceof Error && error.name === 'IllegalOperationError';
      pending.settle(closing ? this.#closedError(pending) : (error as Error));
      return;
    }
    if (!flushed) this.#drained ??= this.#waitForDrain();
  }

  #waitForDrain(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.#channel.off('drain', done);
        this.#channel.off('close', done);
        this.#drained = undefined;
        resolve();
      };
      this.#channel.on('drain', done);
      this.#channel.on('close', done);
    });
  }

  #onConfirm(pending: PendingPublish, error: unknown): void {
    const { address } = this.#options;
    if (error === null || error === undefined) {
      pending.settle(
        pending.returned
          ? unroutableError(address, pending.exchange, pending.routingKey, 'no queue is bound for it')
          : undefined,
      );
    } else if (error instanceof Error && error.message === 'message nacked') {
      pending.settle(notConfirmedError(address, 'RabbitMQ refused the message (nack), e.g. a full queue', error));
    } else {
      // amqplib fails unconfirmed publishes while the channel closes, before the connection says whether
      // it is closing too; decide once that cascade has run.
      setImmediate(() => pending.settle(this.#closedError(pending)));
    }
  }

  #onReturn(message: Message): void {
    const { exchange, routingKey } = message.fields;
    const messageId: unknown = message.properties.messageId;
    for (const pending of this.#pending) {
      const same = pending.exchange === exchange && pending.routingKey === routingKey;
      if (same && !pending.returned && pending.messageId === messageId) {
        pending.returned = true;
        return;
      }
    }
  }

  #closedError(pending: PendingPublish): InvektoError {
    const { address } = this.#options;
    if (this.#options.connectionLost()) {
      return unreachableError(address, 'the connection was lost before RabbitMQ confirmed the message');
    }
    const error = this.#channelError;
    if (replyCodeOf(error) === ReplyCode.NotFound && error?.message.includes(`'${pending.exchange}'`)) {
      return unroutableError(address, pending.exchange, pending.routingKey, 'the exchange does not exist');
    }
    return notConfirmedError(
      address,
      `the channel closed before RabbitMQ confirmed the message${error === undefined ? '' : `: ${error.message}`}`,
      error,
    );
  }
}
