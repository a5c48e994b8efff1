import type { HeaderValue, MessageHeaders } from '../broker/broker.js';

const DEATH = 'x-death';

/** amqplib's notation for a field-table value of an explicit AMQP type, e.g. `{ '!': 'timestamp', value: 1 }`. */
interface TypedValue {
  readonly '!': string;
  readonly value: unknown;
}

function isTypedValue(value: object): value is TypedValue {
  return Object.hasOwn(value, '!');
}

/**
 * Headers as a consumer sees them: plain JSON-like values. AMQP timestamps (RabbitMQ's `x-death` `time`,
 * whole seconds) become epoch milliseconds, so `x-death` reads the same on every broker adapter.
 */
export function fromAmqpHeaders(headers: unknown): MessageHeaders {
  if (typeof headers !== 'object' || headers === null) return {};
  const plain: Record<string, HeaderValue> = {};
  for (const [key, value] of Object.entries(headers)) plain[key] = fromAmqpValue(value);
  return plain;
}

function fromAmqpValue(value: unknown): HeaderValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return value.map(fromAmqpValue);
  if (typeof value === 'object') {
    if (isTypedValue(value)) return fromTypedValue(value);
    const table: Record<string, HeaderValue> = {};
    for (const [key, inner] of Object.entries(value)) table[key] = fromAmqpValue(inner);
    return table;
  }
  return String(value);
}

function fromTypedValue({ '!': type, value }: TypedValue): HeaderValue {
  if (type === 'timestamp' && typeof value === 'number') return value * 1_000;
  if (type === 'decimal' && typeof value === 'object' && value !== null) {
    const { places, digits } = value as { places: number; digits: number };
    return digits / 10 ** places;
  }
  return fromAmqpValue(value);
}

/**
 * Headers to publish. Values go as they are, except `x-death`: a message republished with it (a DLQ
 * replay, say) carries it back in RabbitMQ's own types, `count` a long and `time` a timestamp in
 * seconds, since RabbitMQ reads and updates those entries on the next dead-lettering.
 */
export function toAmqpHeaders(headers: MessageHeaders | undefined): Record<string, unknown> {
  if (headers === undefined) return {};
  const encoded: Record<string, unknown> = { ...headers };
  const deaths = headers[DEATH];
  if (Array.isArray(deaths)) encoded[DEATH] = deaths.map(toAmqpDeath);
  return encoded;
}

function toAmqpDeath(entry: HeaderValue): unknown {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
  const encoded: Record<string, unknown> = { ...entry };
  const { count, time } = entry as Record<string, HeaderValue>;
  if (typeof count === 'number' && Number.isSafeInteger(count)) encoded['count'] = { '!': 'long', value: count };
  if (typeof time === 'number') encoded['time'] = { '!': 'timestamp', value: Math.floor(time / 1_000) };
  return encoded;
}
