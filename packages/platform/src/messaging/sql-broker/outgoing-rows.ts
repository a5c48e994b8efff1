import { InvektoError } from '@invekto/contracts';
import type { OutgoingMessage } from '../broker/broker.js';
import type { NewMessage } from './broker-message-table.js';
import type { DeclaredTopology } from './declared-topology.js';

const DEFAULT_CONTENT_TYPE = 'application/json';

/**
 * The rows a publish writes, one per queue the message routes to. Throws before any SQL: a TypeError for
 * a malformed message, INV-BUS-002 when the exchange is not declared or no queue is bound for the key.
 */
export function outgoingRows(message: OutgoingMessage, topology: DeclaredTopology): NewMessage[] {
  checkOutgoing(message);
  const { exchange, routingKey } = message;
  if (!topology.hasExchange(exchange)) {
    throw new InvektoError('INV-BUS-002', { message: `No exchange "${exchange}" is declared on this broker.` });
  }
  const queues = topology.route(exchange, routingKey);
  if (queues.length === 0) {
    throw new InvektoError('INV-BUS-002', { details: `exchange ${exchange}, routing key ${routingKey}` });
  }
  const headers = JSON.stringify(message.headers ?? {});
  const body = Buffer.isBuffer(message.body)
    ? message.body
    : Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength);
  return queues.map((queue) => ({
    queue,
    messageId: message.messageId,
    exchange,
    routingKey,
    headers,
    body,
    contentType: message.contentType ?? DEFAULT_CONTENT_TYPE,
    publishedAt: message.timestamp ?? null,
    ttlMs: topology.queue(queue)?.messageTtlMs ?? null,
  }));
}

/** PostgreSQL text cannot hold NUL, so such a name could never be stored; refuse it before any SQL. */
function checkText(field: string, value: unknown, allowEmpty: boolean): void {
  if (typeof value !== 'string' || (!allowEmpty && value === '') || value.includes('\u0000')) {
    throw new TypeError(`publish: ${field} must be a${allowEmpty ? '' : ' non-empty'} string without NUL characters.`);
  }
}

function checkOutgoing(message: OutgoingMessage): void {
  if (typeof message !== 'object' || message === null) throw new TypeError('publish: the message must be an object.');
  checkText('exchange', message.exchange, true);
  checkText('routingKey', message.routingKey, true);
  checkText('messageId', message.messageId, false);
  if (message.contentType !== undefined) checkText('contentType', message.contentType, false);
  if (!(message.body instanceof Uint8Array)) throw new TypeError('publish: body must be a Uint8Array.');
  if (message.timestamp !== undefined && !Number.isSafeInteger(message.timestamp)) {
    throw new TypeError('publish: timestamp must be an integer of epoch milliseconds.');
  }
  if (message.headers !== undefined && (typeof message.headers !== 'object' || message.headers === null)) {
    throw new TypeError('publish: headers must be an object.');
  }
}
