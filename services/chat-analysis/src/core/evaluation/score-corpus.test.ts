import { ENTITY_TYPES } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { sameNormalized, matchEntities } from './entity-match.js';
import { evaluateCorpus } from './evaluate-corpus.js';
import { formatScoreReport } from './format-score-report.js';
import type { ChatPrediction, LabelledChat, PredictedEntity } from './labelled-chat.js';
import { loadCorpus } from './load-corpus.js';
import { precisionRecall, scoreCorpus } from './score-corpus.js';

const at = '2025-03-11T09:15:00Z';

const corpus: LabelledChat[] = [
  {
    id: 'tr-001',
    language: 'tr',
    chat: {
      messages: [
        { role: 'customer', text: 'siparişim TY-12345678 nerede, 1.250,50 TL ödedim', at },
        { role: 'agent', text: 'Merhaba Ahmet Bey, yarın teslim edilecek.', at },
      ],
    },
    labels: {
      intent: 'order_status',
      sentiment: 'negative',
      entities: [
        { type: 'order_number', text: 'TY-12345678', normalized: 'TY-12345678', messageIndex: 0 },
        { type: 'money', text: '1.250,50 TL', normalized: { amount: 1250.5, currency: 'TRY' }, messageIndex: 0 },
        { type: 'person', text: 'Ahmet Bey', normalized: 'Ahmet', messageIndex: 1 },
        { type: 'date', text: 'yarın', normalized: '2025-03-12', messageIndex: 1 },
      ],
    },
  },
  {
    id: 'tr-002',
    language: 'tr',
    chat: { messages: [{ role: 'customer', text: '3 adet iade etmek istiyorum', at }] },
    labels: {
      intent: 'return_request',
      sentiment: 'neutral',
      entities: [{ type: 'number', text: '3 adet', normalized: 3, messageIndex: 0 }],
    },
  },
  {
    id: 'en-001',
    language: 'en',
    chat: { messages: [{ role: 'customer', text: 'Refund my $20 please, call +90 532 123 4567', at }] },
    labels: {
      intent: 'refund_status',
      sentiment: 'negative',
      entities: [
        { type: 'money', text: '$20', normalized: { amount: 20, currency: 'USD' }, messageIndex: 0 },
        { type: 'phone', text: '+90 532 123 4567', normalized: '+905321234567', messageIndex: 0 },
      ],
    },
  },
];

function prediction(
  intent: ChatPrediction['intent']['label'],
  sentiment: ChatPrediction['sentiment']['overall']['label'],
  entities: PredictedEntity[],
): ChatPrediction {
  return { intent: { label: intent }, sentiment: { overall: { label: sentiment } }, entities };
}

function oracle(chats: readonly LabelledChat[]): Map<string, ChatPrediction> {
  return new Map(chats.map((c) => [c.id, prediction(c.labels.intent, c.labels.sentiment, [...c.labels.entities])]));
}

describe('sameNormalized', () => {
  it('compares money by currency and amount, tolerating float noise only', () => {
    expect(sameNormalized({ amount: 0.1 + 0.2, currency: 'TRY' }, { amount: 0.3, currency: 'TRY' })).toBe(true);
    expect(sameNormalized({ amount: 20, currency: 'USD' }, { amount: 20, currency: 'EUR' })).toBe(false);
    expect(sameNormalized({ amount: 1250.5, currency: 'TRY' }, { amount: 1250.51, currency: 'TRY' })).toBe(false);
  });

  it('never equates a string with a number or money', () => {
    expect(sameNormalized('3', 3)).toBe(false);
    expect(sameNormalized(3, { amount: 3, currency: 'TRY' })).toBe(false);
    expect(sameNormalized('TY-12345678', 'TY-12345678')).toBe(true);
    expect(sameNormalized('ty-12345678', 'TY-12345678')).toBe(false);
  });
});

describe('matchEntities', () => {
  const labels = corpus[0]?.labels.entities ?? [];

  it('matches each label at most once, so a duplicated prediction is spurious', () => {
    const order: PredictedEntity = { type: 'order_number', normalized: 'TY-12345678', messageIndex: 0 };
    const result = matchEntities([order, order], labels);
    expect(result.matched).toHaveLength(1);
    expect(result.spurious).toEqual([order]);
    expect(result.missed.map((m) => m.type)).toEqual(['money', 'person', 'date']);
  });

  it('requires the same type and message index', () => {
    const result = matchEntities(
      [
        { type: 'tracking_number', normalized: 'TY-12345678', messageIndex: 0 },
        { type: 'date', normalized: '2025-03-12', messageIndex: 0 },
      ],
      labels,
    );
    expect(result.matched).toHaveLength(0);
    expect(result.spurious).toHaveLength(2);
  });
});

describe('precisionRecall', () => {
  it('computes P, R and F1 and handles empty sides', () => {
    expect(precisionRecall(4, 2, 1)).toMatchObject({ precision: 0.5, recall: 0.25 });
    expect(precisionRecall(4, 2, 1).f1).toBeCloseTo(1 / 3, 12);
    expect(precisionRecall(0, 0, 0)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(precisionRecall(3, 0, 0)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(precisionRecall(0, 2, 0)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('scoreCorpus', () => {
  it('gives full marks to predictions equal to the labels', () => {
    const score = scoreCorpus(corpus, oracle(corpus));
    expect(score.intent.accuracy).toBe(1);
    expect(score.sentiment.accuracy).toBe(1);
    expect(score.entities.micro).toMatchObject({ labelled: 7, predicted: 7, matched: 7, f1: 1 });
    expect(score.errors).toEqual([]);
  });

  it('counts hand-made mistakes per type, per label and per language', () => {
    const predictions = new Map<string, ChatPrediction>([
      [
        'tr-001',
        prediction('delivery_issue', 'negative', [
          { type: 'order_number', normalized: 'TY-12345678', messageIndex: 0 },
          { type: 'money', normalized: { amount: 1250.5, currency: 'TRY' }, messageIndex: 0 },
          { type: 'person', normalized: 'Ahmet Bey', messageIndex: 1 },
          { type: 'date', normalized: '2025-03-11', messageIndex: 1 },
          { type: 'number', normalized: 1250.5, messageIndex: 0 },
        ]),
      ],
      ['tr-002', prediction('return_request', 'negative', [{ type: 'number', normalized: 3, messageIndex: 0 }])],
      [
        'en-001',
        prediction('delivery_issue', 'negative', [
          { type: 'money', normalized: { amount: 20, currency: 'USD' }, messageIndex: 0 },
        ]),
      ],
    ]);
    const score = scoreCorpus(corpus, predictions);

    expect(score.intent).toMatchObject({ correct: 1, total: 3 });
    expect(score.intent.confusions).toEqual([
      { expected: 'order_status', predicted: 'delivery_issue', count: 1 },
      { expected: 'refund_status', predicted: 'delivery_issue', count: 1 },
    ]);
    expect(score.intent.perLabel.delivery_issue).toMatchObject({ labelled: 0, predicted: 2, matched: 0 });
    expect(score.sentiment).toMatchObject({ correct: 2, total: 3 });
    expect(score.sentiment.confusions).toEqual([{ expected: 'neutral', predicted: 'negative', count: 1 }]);

    const { byType, micro } = score.entities;
    expect(byType.person).toMatchObject({ labelled: 1, predicted: 1, matched: 0 });
    expect(byType.date).toMatchObject({ labelled: 1, predicted: 1, matched: 0 });
    expect(byType.number).toMatchObject({ labelled: 1, predicted: 2, matched: 1, precision: 0.5, recall: 1 });
    expect(byType.phone).toMatchObject({ labelled: 1, predicted: 0, matched: 0, f1: 0 });
    expect(byType.money).toMatchObject({ labelled: 2, predicted: 2, matched: 2, f1: 1 });
    expect(byType.iban).toMatchObject({ labelled: 0, predicted: 0, f1: 1 });
    expect(micro).toMatchObject({ labelled: 7, predicted: 7, matched: 4 });
    // Macro F1 averages only the types seen: order_number 1, money 1, person 0, date 0, number 2/3, phone 0.
    expect(score.entities.macroF1).toBeCloseTo((1 + 1 + 0 + 0 + 2 / 3 + 0) / 6, 12);

    expect(score.byLanguage.tr).toMatchObject({ chats: 2, intent: { correct: 1 } });
    expect(score.byLanguage.en?.entities.micro).toMatchObject({ labelled: 2, matched: 1 });
    expect(score.errors.map((e) => e.id)).toEqual(['tr-001', 'tr-002', 'en-001']);
    expect(score.errors[0]?.missed.map((m) => m.type)).toEqual(['person', 'date']);
  });

  it('refuses to score a chat without a prediction', () => {
    expect(() => scoreCorpus(corpus, new Map())).toThrow('no prediction for chat tr-001');
  });
});

describe('scoreCorpus on the dev corpus', () => {
  const dev = loadCorpus();

  it('gives full marks to the labels themselves', () => {
    const score = scoreCorpus(dev, oracle(dev));
    expect(score.intent.accuracy).toBe(1);
    expect(score.sentiment.accuracy).toBe(1);
    for (const type of ENTITY_TYPES) expect(score.entities.byType[type].f1, type).toBe(1);
  });

  it('loses exactly what a prediction leaves out or adds', () => {
    const predictions = new Map(
      dev.map((c) => [
        c.id,
        prediction(c.labels.intent, c.labels.sentiment, [
          ...c.labels.entities.filter((e) => e.type !== 'phone'),
          { type: 'number', normalized: -1, messageIndex: 0 },
        ]),
      ]),
    );
    const score = scoreCorpus(dev, predictions);
    const phones = dev.flatMap((c) => c.labels.entities).filter((e) => e.type === 'phone').length;
    expect(score.entities.byType.phone).toMatchObject({ labelled: phones, predicted: 0, recall: 0 });
    expect(score.entities.byType.number.predicted - score.entities.byType.number.matched).toBe(dev.length);
    expect(score.entities.byType.number.recall).toBe(1);
  });
});

describe('formatScoreReport', () => {
  it('prints the headline figures, the entity table and the worst confusions', () => {
    const predictions = oracle(corpus);
    predictions.set('tr-002', prediction('exchange_request', 'neutral', []));
    const report = formatScoreReport(scoreCorpus(corpus, predictions), { details: 5 });
    expect(report).toContain('Dev corpus: 3 chats (tr 2, en 1)');
    expect(report).toMatch(/intent accuracy\s+0\.667 \(2\/3\)\s+0\.500 \(1\/2\)\s+1\.000 \(1\/1\)/);
    expect(report).toMatch(/number\s+1\s+0\s+0\s+0\.000\s+0\.000\s+0\.000/);
    expect(report).toMatch(/micro\s+7\s+6\s+6\s+1\.000\s+0\.857\s+0\.923/);
    expect(report).toContain('1  return_request -> exchange_request');
    expect(report).toContain('tr-002  intent return_request -> exchange_request');
    expect(report).toContain('missed   number [0] "3 adet" = 3');
  });
});

describe('evaluateCorpus', () => {
  it('sends each chat as a request with its id and messages, and scores the answers', () => {
    const seen: string[] = [];
    const evaluation = evaluateCorpus(corpus, (request) => {
      seen.push(request.chat.id ?? '');
      expect(request.locale).toBeUndefined();
      const chat = corpus.find((c) => c.id === request.chat.id);
      expect(request.chat.messages).toEqual(chat?.chat.messages);
      return { data: prediction('other', 'neutral', []) };
    });
    expect(seen).toEqual(['tr-001', 'tr-002', 'en-001']);
    expect(evaluation.score.intent.correct).toBe(0);
    expect(evaluation.score.entities.micro.recall).toBe(0);
  });

  it('names the chat whose analysis threw', () => {
    const fails = () => {
      throw new Error('boom');
    };
    expect(() => evaluateCorpus(corpus, fails)).toThrow('analysing tr-001 failed');
  });
});
