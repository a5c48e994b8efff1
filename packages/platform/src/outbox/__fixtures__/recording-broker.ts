import { InvektoError, type ErrorCode } from '@invekto/contracts';
import type { OutgoingMessage } from '../../messaging/broker/broker.js';
import type { OutboxPublisher } from '../outbox-dispatcher-options.js';

type FailureCode = Extract<ErrorCode, 'INV-BUS-001' | 'INV-BUS-002' | 'INV-BUS-006'>;

/**
 * A test double of the broker's publish side: records every confirmed message and can be told to fail
 * the way the real adapters do (INV-BUS-006 unreachable, INV-BUS-001 not confirmed, INV-BUS-002
 * unroutable), for every publish or for chosen messages, and to hold confirms until released.
 */
export class RecordingBroker implements OutboxPublisher {
  /** Confirmed publishes, in confirm order. */
  readonly published: OutgoingMessage[] = [];
  /** Every publish call, confirmed or not. */
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;

  #failure: FailureCode | undefined;
  /** After this many more successful publishes, every publish fails with `#failure`. */
  #failAfter: number | undefined;
  readonly #unroutable = new Set<string>();
  readonly #failMessage = new Map<string, { code: FailureCode; times: number }>();
  readonly #callsByMessage = new Map<string, number>();
  #latencyMs = 0;
  #held: { promise: Promise<void>; release: () => void } | undefined;

  async publish(message: OutgoingMessage): Promise<void> {
    this.calls += 1;
    this.#callsByMessage.set(message.messageId, this.callsFor(message.messageId) + 1);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.#latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#latencyMs));
      await this.#held?.promise;
      this.#check(message);
      this.published.push(message);
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Publish calls for one message, confirmed or not. */
  callsFor(messageId: string): number {
    return this.#callsByMessage.get(messageId) ?? 0;
  }

  /** How many times each message id was confirmed. */
  confirmCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { messageId } of this.published) counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
    return counts;
  }

  /** Every publish fails with `code` (after `afterSuccesses` more confirms); `undefined` heals it. */
  failWith(code: FailureCode | undefined, afterSuccesses?: number): void {
    this.#failure = code;
    this.#failAfter = code === undefined ? undefined : afterSuccesses;
  }

  /** Publishes with this routing key fail with INV-BUS-002, as if no queue were bound for it. */
  unroutable(routingKey: string): void {
    this.#unroutable.add(routingKey);
  }

  /** The next `times` publishes of `messageId` fail with `code`. */
  failMessage(messageId: string, code: FailureCode, times: number): void {
    this.#failMessage.set(messageId, { code, times });
  }

  /** Each publish takes this long to confirm. */
  latency(ms: number): void {
    this.#latencyMs = ms;
  }

  /** Confirms wait until `release()`. */
  hold(): void {
    let release = (): void => undefined;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.#held = { promise, release };
  }

  release(): void {
    this.#held?.release();
    this.#held = undefined;
  }

  #check(message: OutgoingMessage): void {
    if (this.#failure !== undefined) {
      if (this.#failAfter === undefined || this.#failAfter <= 0) throw new InvektoError(this.#failure);
      this.#failAfter -= 1;
    }
    const planned = this.#failMessage.get(message.messageId);
    if (planned !== undefined && planned.times > 0) {
      planned.times -= 1;
      throw new InvektoError(planned.code);
    }
    if (this.#unroutable.has(message.routingKey)) {
      throw new InvektoError('INV-BUS-002', { details: `exchange ${message.exchange}, key ${message.routingKey}` });
    }
  }
}
