import { MessageHeaderNames } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { outboxMessage } from './__fixtures__/outbox-behaviour.js';
import { OUTBOX_PAYLOAD_MAX_BYTES, encodeOutboxMessage, validateOutboxMessage } from './outbox-message.js';

describe('encodeOutboxMessage', () => {
  it('serialises headers and payload once, adding x-message-id', () => {
    const message = outboxMessage({ payload: 'plain string' });
    const encoded = encodeOutboxMessage(message);
    expect(encoded).toEqual({
      messageId: message.messageId,
      destination: 'invekto.direct',
      routingKey: 'job.created',
      headersJson: JSON.stringify({ ...message.headers, [MessageHeaderNames.MessageId]: message.messageId }),
      payloadJson: '"plain string"',
    });
  });

  it('accepts a payload of exactly the byte limit, counting UTF-8 bytes', () => {
    const fits = 'x'.repeat(OUTBOX_PAYLOAD_MAX_BYTES - 2); // two bytes for the JSON quotes
    expect(() => validateOutboxMessage(outboxMessage({ payload: fits }))).not.toThrow();
    const multiByte = 'ç'.repeat((OUTBOX_PAYLOAD_MAX_BYTES - 2) / 2 + 1);
    expect(() => validateOutboxMessage(outboxMessage({ payload: multiByte }))).toThrow(/at most 262144 bytes/);
  });

  it.each([
    ['messageId', { messageId: '01ARZ3NDEKTSV4RRFFQ69G5FA' }],
    ['messageId', { messageId: '01arz3ndektsv4rrffq69g5fav' }],
    ['messageId', { messageId: 42 }],
    ['destination', { destination: '' }],
    ['destination', { destination: 'x'.repeat(256) }],
    ['routingKey', { routingKey: '' }],
    ['routingKey', { routingKey: undefined }],
    ['headers', { headers: null }],
    ['headers', { headers: new Map() }],
    ['x-tenant-id', { headers: { 'x-tenant-id': 7 } }],
    ['x-tenant-id', { headers: { 'x-tenant-id': 'a\u0000b' } }],
    ['header name', { headers: { '': 'empty name' } }],
    ['x-message-id', { headers: { 'x-message-id': '01ARZ3NDEKTSV4RRFFQ69G5FAV' } }],
    ['payload', { payload: undefined }],
    ['payload', { payload: () => 1 }],
    ['payload', { payload: { big: 1n } }],
    ['payload', { payload: { text: 'nul \u0000 inside' } }],
    ['payload', { payload: 'x'.repeat(OUTBOX_PAYLOAD_MAX_BYTES) }],
  ])('rejects a bad %s with a RangeError naming it', (field, overrides) => {
    const message = { ...outboxMessage(), ...overrides } as Parameters<typeof encodeOutboxMessage>[0];
    const error = (() => {
      try {
        encodeOutboxMessage(message);
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toContain(field);
  });

  it('rejects a cyclic payload, keeping the JSON error as cause', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const error = (() => {
      try {
        encodeOutboxMessage(outboxMessage({ payload: cyclic }));
        return undefined;
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(RangeError);
    expect(error?.cause).toBeInstanceOf(TypeError);
  });

  it('keeps a literal backslash-u0000 text, which is not a NUL', () => {
    expect(encodeOutboxMessage(outboxMessage({ payload: '\\u0000' })).payloadJson).toBe('"\\\\u0000"');
  });

  it('rejects a message that is not an object', () => {
    expect(() => validateOutboxMessage(null as never)).toThrow(RangeError);
  });
});
