import type { Entity } from '@invekto/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entitiesOf, preparedMessage, summary } from './__fixtures__/prepared-message.js';
import { extractEntities } from './index.js';

const at = '2025-03-11T22:30:00Z';

/** What every result must satisfy, whatever the input. */
function expectWellFormed(entities: readonly Entity[], texts: readonly string[]): void {
  for (const [i, entity] of entities.entries()) {
    expect(entity.text).toBe(texts[entity.messageIndex]?.slice(entity.start, entity.end));
    expect(entity.end).toBeGreaterThan(entity.start);
    expect(entity.confidence).toBeGreaterThanOrEqual(0);
    expect(entity.confidence).toBeLessThanOrEqual(1);
    expect(Math.round(entity.confidence * 100) / 100).toBe(entity.confidence);
    const previous = entities[i - 1];
    if (previous !== undefined && previous.messageIndex === entity.messageIndex) {
      expect(previous.end).toBeLessThanOrEqual(entity.start);
    } else if (previous !== undefined) {
      expect(previous.messageIndex).toBeLessThan(entity.messageIndex);
    }
  }
}

describe('extractEntities', () => {
  it('reads a realistic support exchange', () => {
    const chat = [
      preparedMessage('Merhaba, siparişim 3 gündür gelmedi. Sipariş no: 123456789', { index: 0, at }),
      preparedMessage('Merhaba Ayşe Hanım, ben temsilciniz Burak. Kargonuz yarın teslim edilecek.', {
        index: 1,
        role: 'agent',
        at,
      }),
      preparedMessage('Ücreti 1.250,50 TL idi, iade olursa TR33 0006 1005 1978 6457 8413 26 hesabıma yatırın', {
        index: 2,
        at,
      }),
      preparedMessage('Ulaşamazsanız 0532 123 45 67 numaramdan arayın ya da ayse.kaya@gmail.com adresine yazın', {
        index: 3,
        at,
      }),
    ];
    const entities = extractEntities(chat);
    expectWellFormed(
      entities,
      chat.map((message) => message.text),
    );
    expect(entities.map((e) => [e.messageIndex, e.type, e.text, e.normalized])).toEqual([
      [0, 'number', '3', 3],
      [0, 'order_number', '123456789', '123456789'],
      [1, 'person', 'Ayşe', 'Ayşe'],
      [1, 'person', 'Burak', 'Burak'],
      [1, 'date', 'yarın', '2025-03-13'],
      [2, 'money', '1.250,50 TL', { amount: 1250.5, currency: 'TRY' }],
      [2, 'iban', 'TR33 0006 1005 1978 6457 8413 26', 'TR330006100519786457841326'],
      [3, 'phone', '0532 123 45 67', '+905321234567'],
      [3, 'email', 'ayse.kaya@gmail.com', 'ayse.kaya@gmail.com'],
    ]);
  });

  it('sorts by message index even when messages come out of order', () => {
    const entities = extractEntities([
      preparedMessage('2 adet', { index: 1 }),
      preparedMessage('5 tane', { index: 0 }),
    ]);
    expect(entities.map((e) => [e.messageIndex, e.text])).toEqual([
      [0, '5'],
      [1, '2'],
    ]);
  });

  it('resolves relative dates against each message, not one clock', () => {
    const entities = extractEntities([
      preparedMessage('yarın', { index: 0, at: '2025-03-11T20:59:00Z' }),
      preparedMessage('yarın', { index: 1, at: '2025-03-11T21:00:00Z' }),
    ]);
    expect(entities.map((e) => e.normalized)).toEqual(['2025-03-12', '2025-03-13']);
  });

  it('reads Turkish typed without Turkish letters', () => {
    expect(
      summary('siparisim gelmedi, siparis numarasi 987654321, yarin 2 bin tl odeme yapacagim, ayse hanim', { at }),
    ).toEqual(['order_number:987654321', 'date:yarin', 'money:2 bin tl', 'person:ayse']);
  });

  it('returns the same result for the same input', () => {
    const text = 'Ahmet Bey 12.03.2025 tarihinde 0532 123 45 67 numarasından aradı, 3 adet 99,90 TL';
    expect(entitiesOf(text, { at })).toEqual(entitiesOf(text, { at }));
  });

  it('returns nothing for an empty chat or empty messages', () => {
    expect(extractEntities([])).toEqual([]);
    expect(entitiesOf('')).toEqual([]);
  });

  it('keeps well-formed output for arbitrary text', () => {
    const pieces = fc.constantFrom(
      ' ',
      '.',
      ',',
      "'",
      '-',
      '/',
      '#',
      '+',
      '(',
      ')',
      '@',
      ':',
      '0',
      '5',
      '12',
      '2025',
      'TL',
      '₺',
      '$',
      'Mart',
      'yarın',
      'pazar',
      'Ahmet',
      'Bey',
      'sipariş',
      'no',
      'tel',
      'TR33',
      'www.',
      '.com',
      'bin',
      'iki',
      'İ',
      'ş',
    );
    const texts = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(texts, (text) => {
        expectWellFormed(entitiesOf(text, { at }), [text]);
      }),
      { numRuns: 300, seed: 20250312 },
    );
  });

  it('finishes quickly and sanely on hostile input', () => {
    const hostile = [
      '1'.repeat(5000),
      '1 '.repeat(2500),
      '1.'.repeat(2500),
      '0532 123 45 67 '.repeat(333),
      'a@'.repeat(2500),
      'a.'.repeat(2500),
      'www.'.repeat(1250),
      'TR12 '.repeat(1000),
      '(1)'.repeat(1666),
      '-1'.repeat(2500),
      '#1'.repeat(2500),
      '1 mart '.repeat(700),
      `1${' '.repeat(4998)}x`,
      'Ahmet Bey '.repeat(500),
      'sipariş no '.repeat(450),
      "a'".repeat(2500),
      '+9'.repeat(2500),
      '!?.,;:'.repeat(833),
    ];
    const started = performance.now();
    for (const text of hostile) expectWellFormed(entitiesOf(text, { at }), [text]);
    // Generous for a cold, instrumented test run; the budget in production is far below it.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(entitiesOf('1'.repeat(5000))).toEqual([]);
    // The phone parser gets a bounded number of tries per message; past it the digit groups stay numbers.
    const phones = entitiesOf('0532 123 45 67 '.repeat(333));
    expect(phones[0]).toMatchObject({ type: 'phone', text: '0532 123 45 67', normalized: '+905321234567' });
    expect(phones.every((e) => e.type === 'phone' || e.type === 'number')).toBe(true);
  });
});
