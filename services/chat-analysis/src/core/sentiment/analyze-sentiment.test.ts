import type { MessageRole } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { preparedChat } from '../language/__fixtures__/prepared-chat.js';
import { analyzeSentiment } from './analyze-sentiment.js';

type Turns = readonly (readonly [MessageRole, string])[];
const analyze = (turns: Turns, locale?: 'tr' | 'en') => analyzeSentiment(preparedChat(turns, locale));

const unresolved: Turns = [
  ['customer', 'Merhaba, siparişim 10 gündür gelmedi, rezalet!'],
  ['agent', 'Merhaba, özür dileriz, kontrol ediyorum.'],
  ['customer', 'hala bekliyorum, bıktım artık'],
];

describe('analyzeSentiment', () => {
  it('scores customer messages only, by their message index', () => {
    const result = analyze([
      ['customer', 'Ürün kırık geldi'],
      ['agent', 'Çok üzgünüz, harika bir çözüm bulacağız!'],
      ['bot', 'Memnuniyet anketimize katılın'],
      ['customer', 'tamam'],
    ]);
    expect(result.messages.map((message) => message.messageIndex)).toEqual([0, 3]);
    expect(result.messages[0]?.label).toBe('negative');
    expect(result.messages[1]?.label).toBe('neutral');
  });

  it('reads an unresolved complaint as negative', () => {
    const { overall } = analyze(unresolved);
    expect(overall.label).toBe('negative');
    expect(overall.score).toBeLessThan(-0.5);
  });

  it('lets a complaint resolved with warm thanks end positive, and a bare thanks end less negative', () => {
    const warm = analyze([
      ...unresolved,
      ['agent', 'Kargonuz bugün teslim edildi, iyi günler.'],
      ['customer', 'Geldi, çok teşekkürler, çok yardımcı oldunuz 🙏'],
    ]).overall;
    const bare = analyze([
      ...unresolved,
      ['agent', 'Kargonuz bugün teslim edildi.'],
      ['customer', 'tamam teşekkürler'],
    ]).overall;
    const still = analyze(unresolved).overall;
    expect(warm.label).toBe('positive');
    expect(bare.score).toBeGreaterThan(still.score);
    expect(bare.score).toBeLessThan(warm.score);
  });

  it('keeps a routine exchange that ends with a bare thanks neutral', () => {
    const { overall } = analyze([
      ['customer', 'Merhaba, bu ürünün ölçüleri nedir?'],
      ['agent', 'Merhaba, 40x30x20 cm.'],
      ['customer', 'Tamam, teşekkürler.'],
    ]);
    expect(overall.label).toBe('neutral');
  });

  it('reads a customer who accepts a fix but says they are unhappy as negative', () => {
    const { overall } = analyze([
      ['customer', 'kargom hasarlı geldi'],
      ['agent', 'Yenisini gönderiyoruz.'],
      ['customer', 'Teşekkürler ama hiç memnun değilim'],
    ]);
    expect(overall.label).toBe('negative');
  });

  it('reads English chats and their negations', () => {
    expect(analyze([['customer', 'The blender arrived broken. Really disappointed.']], 'en').overall.label).toBe(
      'negative',
    );
    expect(analyze([['customer', 'Not bad at all, thanks a lot!']], 'en').overall.label).toBe('positive');
    expect(
      analyze(
        [
          ['customer', 'Where is my order?'],
          ['customer', 'ok'],
        ],
        'en',
      ).overall.label,
    ).toBe('neutral');
  });

  it('reads the overall sentiment from all messages when the customer wrote none', () => {
    const result = analyze([
      ['agent', 'Siparişiniz iptal edildi, maalesef stokta kalmadı.'],
      ['bot', 'Rezalet bir durum için özür dileriz.'],
    ]);
    expect(result.messages).toEqual([]);
    expect(result.overall.label).toBe('negative');
  });

  it('returns a neutral overall score for an empty chat', () => {
    expect(analyzeSentiment([])).toEqual({ overall: { label: 'neutral', score: 0, confidence: 0.7 }, messages: [] });
  });

  it('keeps scores and confidences in range and rounded', () => {
    const result = analyze([
      ['customer', 'REZALET!!! 😡😡😡 dolandırıcılar, hırsızlar, berbat, bıktım, mağdur oldum'],
      ['customer', 'süper harika mükemmel çok çok teşekkürler 😍😍😍'],
      ['customer', 'ok'],
    ]);
    for (const score of [result.overall, ...result.messages]) {
      expect(score.score).toBeGreaterThanOrEqual(-1);
      expect(score.score).toBeLessThanOrEqual(1);
      expect(score.confidence).toBeGreaterThanOrEqual(0);
      expect(score.confidence).toBeLessThanOrEqual(1);
      expect(Math.round(score.score * 1000) / 1000).toBe(score.score);
      expect(Math.round(score.confidence * 100) / 100).toBe(score.confidence);
    }
    expect(result.messages[0]?.confidence).toBeGreaterThan(result.messages[2]?.confidence ?? 1);
  });

  it('is deterministic', () => {
    const turns: Turns = [...unresolved, ['customer', 'tamam, teşekkürler 🙂']];
    const first = analyze(turns);
    const second = analyze(turns);
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('analyses fifty messages of 5,000 characters of junk quickly', () => {
    const junk = (i: number) =>
      `${'ğüşiöç'.repeat(200)} ${'x'.repeat(i * 10)} ${'!!??'.repeat(300)} ${'😡'.repeat(400)}`;
    const messages = preparedChat(Array.from({ length: 50 }, (_, i) => ['customer', junk(i).slice(0, 5000)] as const));
    analyzeSentiment(messages.slice(0, 1));
    const started = performance.now();
    analyzeSentiment(messages);
    // Generous for loaded CI machines; a runaway pattern would take seconds.
    expect(performance.now() - started).toBeLessThan(250);
  });
});
