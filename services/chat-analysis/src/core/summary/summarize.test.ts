import type { Entity, Intent, MessageRole, SentimentScore } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { preparedChat } from '../language/__fixtures__/prepared-chat.js';
import type { PreparedMessage } from '../types.js';
import { summarize } from './summarize.js';

type Turns = readonly (readonly [MessageRole, string])[];

const intentOf = (label: Intent['label']): Intent => ({ label, confidence: 0.8, alternatives: [] });
const sentimentOf = (label: SentimentScore['label']) => ({
  overall: { label, score: label === 'negative' ? -0.6 : label === 'positive' ? 0.6 : 0, confidence: 0.8 },
});

/** An entity located where `text` first occurs in the message. */
function entityIn(
  messages: readonly PreparedMessage[],
  messageIndex: number,
  type: Entity['type'],
  text: string,
  normalized: Entity['normalized'] = text,
): Entity {
  const start = messages[messageIndex]?.text.indexOf(text) ?? -1;
  if (start < 0) throw new Error(`"${text}" is not in message ${messageIndex}`);
  return { type, text, normalized, messageIndex, start, end: start + text.length, confidence: 0.9 };
}

const complaint: Turns = [
  ['customer', 'Merhaba, iyi günler.'],
  [
    'customer',
    'TY-48213957 numaralı siparişim 5 gündür gelmedi. Bu arada hava çok güzel. 1.250,50 TL ödedim, rezalet!',
  ],
  [
    'agent',
    'Merhaba Ahmet Bey, özür dileriz. Kontrol ediyorum. Talebinizi ilgili birime iletiyorum, yarın size dönüş yapacağız.',
  ],
  ['customer', 'Tamam, teşekkürler.'],
];

function complaintSummary(language: 'tr' | 'en' = 'tr') {
  const messages = preparedChat(complaint);
  const entities = [
    entityIn(messages, 1, 'order_number', 'TY-48213957'),
    entityIn(messages, 1, 'money', '1.250,50 TL', { amount: 1250.5, currency: 'TRY' }),
    entityIn(messages, 2, 'person', 'Ahmet Bey', 'Ahmet'),
    entityIn(messages, 2, 'date', 'yarın', '2025-03-12'),
  ];
  return summarize(messages, entities, intentOf('delivery_issue'), sentimentOf('negative'), language);
}

describe('summarize', () => {
  it('extracts the informative customer sentences in their original order, skipping greetings', () => {
    const { text } = complaintSummary();
    expect(text).toBe('TY-48213957 numaralı siparişim 5 gündür gelmedi. 1.250,50 TL ödedim, rezalet!');
  });

  it('writes key points in the chat language', () => {
    expect(complaintSummary('tr').keyPoints).toEqual([
      'Konu: teslimat sorunu',
      'Müşteri duygusu: olumsuz',
      'Sipariş no: TY-48213957',
      'Tutar: 1.250,50 TRY',
      'Tarih: 12.03.2025',
      'Temsilci: Talebinizi ilgili birime iletiyorum, yarın size dönüş yapacağız.',
    ]);
    expect(complaintSummary('en').keyPoints).toEqual([
      'Topic: delivery issue',
      'Customer sentiment: negative',
      'Order no: TY-48213957',
      'Amount: 1,250.50 TRY',
      'Date: 2025-03-12',
      'Agent: Talebinizi ilgili birime iletiyorum, yarın size dönüş yapacağız.',
    ]);
  });

  it('drops a leading greeting from a sentence that goes on to state the case', () => {
    const messages = preparedChat([['customer', 'Merhaba, ürünü iade etmek istiyorum.']]);
    expect(summarize(messages, [], intentOf('return_request'), sentimentOf('neutral'), 'tr').text).toBe(
      'ürünü iade etmek istiyorum.',
    );
  });

  it('keeps the text within 300 characters', () => {
    const long = `Kargom gelmedi ${'ve hala bekliyorum '.repeat(40)}.`;
    const messages = preparedChat([
      ['customer', long],
      ['customer', 'İade etmek istiyorum. Param ne zaman yatar? Fatura da gelmedi.'],
    ]);
    const { text } = summarize(messages, [], intentOf('delivery_issue'), sentimentOf('negative'), 'tr');
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.length).toBeGreaterThan(100);
  });

  it('summarises English chats with English key points and an agent commitment', () => {
    const messages = preparedChat(
      [
        ['customer', 'Hi there!'],
        ['customer', 'I returned the jacket two weeks ago and still have not received my refund of $129.99.'],
        ['agent', 'Sorry about that. I checked your return. The refund will be issued within 3 business days.'],
        ['customer', 'ok thanks'],
      ],
      'en',
    );
    const entities = [entityIn(messages, 1, 'money', '$129.99', { amount: 129.99, currency: 'USD' })];
    const summary = summarize(messages, entities, intentOf('refund_status'), sentimentOf('neutral'), 'en');
    expect(summary.text).toBe('I returned the jacket two weeks ago and still have not received my refund of $129.99.');
    expect(summary.keyPoints).toEqual([
      'Topic: refund status',
      'Customer sentiment: neutral',
      'Amount: 129.99 USD',
      'Agent: The refund will be issued within 3 business days.',
    ]);
  });

  it('gives an empty text, and still the topic and sentiment, for chats with nothing to extract', () => {
    for (const turns of [
      [],
      [['customer', 'Merhaba']],
      [
        ['customer', 'ok'],
        ['customer', 'tşk'],
      ],
    ] satisfies Turns[]) {
      const summary = summarize(preparedChat(turns), [], intentOf('greeting_thanks'), sentimentOf('neutral'), 'tr');
      expect(summary).toEqual({ text: '', keyPoints: ['Konu: selamlaşma ve teşekkür', 'Müşteri duygusu: nötr'] });
    }
  });

  it('summarises from agent messages when the customer wrote none', () => {
    const messages = preparedChat([
      ['agent', 'Siparişiniz iptal edildi, ücret iadesi 3 iş günü içinde kartınıza yansıyacak.'],
    ]);
    const summary = summarize(messages, [], intentOf('refund_status'), sentimentOf('neutral'), 'tr');
    expect(summary.text).toBe('Siparişiniz iptal edildi, ücret iadesi 3 iş günü içinde kartınıza yansıyacak.');
  });

  it('is deterministic', () => {
    const first = complaintSummary();
    const second = complaintSummary();
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('summarises fifty messages of 5,000 characters of junk quickly', () => {
    const junk = (i: number) => `${'iade. '.repeat(300)}${'x'.repeat(i * 20)}? ${'kontrol ediyorum. '.repeat(100)}`;
    const messages = preparedChat(
      Array.from({ length: 50 }, (_, i) => [i % 2 === 0 ? 'customer' : 'agent', junk(i).slice(0, 5000)] as const),
    );
    summarize(messages.slice(0, 2), [], intentOf('other'), sentimentOf('neutral'), 'tr');
    const started = performance.now();
    const summary = summarize(messages, [], intentOf('other'), sentimentOf('neutral'), 'tr');
    // Generous for loaded CI machines; a runaway pattern would take seconds.
    expect(performance.now() - started).toBeLessThan(250);
    expect(summary.text.length).toBeLessThanOrEqual(300);
  });
});
