import { MessageHeaderNames } from '@invekto/contracts';

/** A message waiting in the outbox table to be published to the broker (seed 000 §3.3, seed 001 §6). */
export interface OutboxMessage {
  /** ULID; unique across the outbox, so writing the same message twice fails with SQLSTATE 23505. */
  readonly messageId: string;
  /** The exchange the message is published to, e.g. `invekto.direct`. */
  readonly destination: string;
  readonly routingKey: string;
  /** Broker headers (names in `MessageHeaderNames`); `x-message-id` is added from `messageId`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Any JSON-serialisable value. */
  readonly payload: unknown;
}

/** An {@link OutboxMessage} that passed validation, with its jsonb columns serialised once. */
export interface EncodedOutboxMessage {
  readonly messageId: string;
  readonly destination: string;
  readonly routingKey: string;
  readonly headersJson: string;
  readonly payloadJson: string;
}

/**
 * Largest serialised payload, in UTF-8 bytes: a quarter of the broker's `max_message_size_kb` of 1024
 * (seed 000 §6.3), leaving room for headers and for envelopes added on retry and dead-lettering.
 */
export const OUTBOX_PAYLOAD_MAX_BYTES = 256 * 1024;

// AMQP 0-9-1 carries exchange names, routing keys and header names as short strings (at most 255 bytes);
// a longer one could be stored but never published.
const SHORT_STRING_MAX_BYTES = 255;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
// PostgreSQL's jsonb cannot store the NUL character; catch it here rather than as a SQL error (22P05).
const ESCAPED_NUL = /(^|[^\\])(\\\\)*\\u0000/;

function invalid(field: string, reason: string): RangeError {
  return new RangeError(`Invalid outbox message: ${field} ${reason}.`);
}

function requireShortString(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(field, 'must be a non-empty string');
  if (Buffer.byteLength(value, 'utf8') > SHORT_STRING_MAX_BYTES) {
    throw invalid(field, `must be at most ${SHORT_STRING_MAX_BYTES} bytes`);
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function encodeHeaders(messageId: string, headers: unknown): string {
  if (!isPlainObject(headers)) throw invalid('headers', 'must be a plain object of strings');
  const encoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    requireShortString(`header name ${JSON.stringify(name)}`, name);
    if (typeof value !== 'string') throw invalid(`headers[${JSON.stringify(name)}]`, 'must be a string');
    if (value.includes('\u0000')) throw invalid(`headers[${JSON.stringify(name)}]`, 'must not contain NUL');
    encoded[name] = value;
  }
  const declared = encoded[MessageHeaderNames.MessageId];
  if (declared !== undefined && declared !== messageId) {
    throw invalid(`headers[${JSON.stringify(MessageHeaderNames.MessageId)}]`, 'must equal messageId');
  }
  encoded[MessageHeaderNames.MessageId] = messageId;
  return JSON.stringify(encoded);
}

function encodePayload(payload: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload) as string | undefined;
  } catch (error) {
    throw Object.assign(invalid('payload', 'must be JSON-serialisable'), { cause: error });
  }
  if (json === undefined) throw invalid('payload', 'must be JSON-serialisable');
  if (ESCAPED_NUL.test(json)) throw invalid('payload', 'must not contain NUL characters');
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > OUTBOX_PAYLOAD_MAX_BYTES) {
    throw invalid('payload', `must serialise to at most ${OUTBOX_PAYLOAD_MAX_BYTES} bytes, got ${bytes}`);
  }
  return json;
}

/**
 * Validates `message` and serialises its headers and payload; throws a RangeError naming the first bad
 * field. Headers gain `x-message-id` set to `messageId`.
 */
export function encodeOutboxMessage(message: OutboxMessage): EncodedOutboxMessage {
  if (typeof message !== 'object' || message === null) throw invalid('message', 'must be an object');
  const { messageId, destination, routingKey, headers, payload } = message;
  if (typeof messageId !== 'string' || !ULID.test(messageId)) throw invalid('messageId', 'must be a ULID');
  return {
    messageId,
    destination: requireShortString('destination', destination),
    routingKey: requireShortString('routingKey', routingKey),
    headersJson: encodeHeaders(messageId, headers),
    payloadJson: encodePayload(payload),
  };
}

/** Throws the RangeError {@link encodeOutboxMessage} would throw; returns nothing otherwise. */
export function validateOutboxMessage(message: OutboxMessage): void {
  encodeOutboxMessage(message);
}
