import type { HeaderValue, MessageHeaders } from '../broker/broker.js';
import type { DeadLetterReason } from './sql-broker-events.js';

/** One dead-lettering of a message, as RabbitMQ records it. */
export interface DeathEvent {
  /** The queue the message left. */
  readonly queue: string;
  readonly reason: DeadLetterReason;
  /** The exchange the message had been published (or last dead-lettered) to. */
  readonly exchange: string;
  /** The routing key it had been published (or last dead-lettered) with. */
  readonly routingKey: string;
  /** Epoch milliseconds. */
  readonly time: number;
}

/** One entry of the `x-death` header (a type, not an interface, so it is a `HeaderValue` table). */
export type XDeathEntry = {
  readonly count: number;
  readonly reason: DeadLetterReason;
  readonly queue: string;
  /** Epoch milliseconds of the latest dead-lettering counted here. */
  readonly time: number;
  readonly exchange: string;
  readonly 'routing-keys': readonly string[];
};

/**
 * The headers of a message dead-lettered by `event`, following RabbitMQ 3.10 (https://www.rabbitmq.com/dlx.html):
 * `x-death` gets an entry per (queue, reason), most recent first — an existing entry has its count
 * incremented and moves to the front, a new one starts at 1 — and the `x-first-death-*` headers are added
 * on the very first dead-lettering and never change afterwards. Every other header is kept as it is.
 */
export function withDeath(headers: MessageHeaders, event: DeathEvent): Record<string, HeaderValue> {
  const previous = Array.isArray(headers['x-death']) ? (headers['x-death'] as readonly HeaderValue[]) : [];
  let count = 1;
  const others: HeaderValue[] = [];
  for (const entry of previous) {
    if (isTable(entry) && entry['queue'] === event.queue && entry['reason'] === event.reason) {
      count += typeof entry['count'] === 'number' ? entry['count'] : 1;
    } else {
      others.push(entry);
    }
  }
  const latest: XDeathEntry = {
    count,
    reason: event.reason,
    queue: event.queue,
    time: event.time,
    exchange: event.exchange,
    'routing-keys': [event.routingKey],
  };
  const next: Record<string, HeaderValue> = { ...headers, 'x-death': [latest, ...others] };
  if (!('x-first-death-reason' in headers)) {
    next['x-first-death-reason'] = event.reason;
    next['x-first-death-queue'] = event.queue;
    next['x-first-death-exchange'] = event.exchange;
  }
  return next;
}

function isTable(value: HeaderValue): value is { readonly [key: string]: HeaderValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
