import type { Delivery, MessageHeaders } from '../broker/broker.js';
import type { ClaimRef, MessageRecord } from './broker-message-table.js';

/** How a delivery is settled: `dead-letter` is `reject({ requeue: false })`. */
export type SettleAction = 'ack' | 'requeue' | 'dead-letter';

/**
 * Where a delivery is in its life: `held` by the consumer, `settling` while its settlement is written,
 * `settled` once it was (or failed to be: the lease then lapses and the message comes back), `lost` when
 * its lease lapsed and the message went elsewhere, `returned` when the broker closed and handed it back.
 */
export type DeliveryState = 'held' | 'settling' | 'settled' | 'lost' | 'returned';

/** The part of a subscription a delivery gives its prefetch slot back to. */
export interface PrefetchSlots {
  release(): void;
}

/** One message handed to a consumer of the SQL broker; settled through the broker that delivered it. */
export class SqlDelivery implements Delivery {
  readonly queue: string;
  readonly exchange: string;
  readonly routingKey: string;
  readonly messageId: string | undefined;
  readonly headers: MessageHeaders;
  readonly body: Buffer;
  readonly contentType: string | undefined;
  readonly timestamp: number | undefined;
  readonly redelivered: boolean;
  /** The claim this delivery holds; settling it touches the row only while the claim is current. */
  readonly claim: ClaimRef;
  /** The subscription whose prefetch this delivery counts against. */
  readonly slots: PrefetchSlots;
  state: DeliveryState = 'held';
  readonly #settle: (delivery: SqlDelivery, action: SettleAction) => Promise<void>;

  constructor(
    record: MessageRecord,
    slots: PrefetchSlots,
    settle: (delivery: SqlDelivery, action: SettleAction) => Promise<void>,
  ) {
    this.queue = record.queue;
    this.exchange = record.exchange;
    this.routingKey = record.routing_key;
    this.messageId = record.message_id ?? undefined;
    this.headers = record.headers;
    this.body = record.body;
    this.contentType = record.content_type ?? undefined;
    this.timestamp = Number(record.published_at);
    this.redelivered = record.delivery_count > 1;
    this.claim = { id: record.id, deliveryCount: record.delivery_count };
    this.slots = slots;
    this.#settle = settle;
  }

  ack(): Promise<void> {
    return this.#settle(this, 'ack');
  }

  reject(options: { readonly requeue: boolean }): Promise<void> {
    return this.#settle(this, options.requeue ? 'requeue' : 'dead-letter');
  }
}
