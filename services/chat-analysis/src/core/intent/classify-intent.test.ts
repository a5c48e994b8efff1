import { INTENT_LABELS, type Entity, type IntentLabel, type MessageRole } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { preparedChat } from '../language/__fixtures__/prepared-chat.js';
import { classifyIntent } from './classify-intent.js';

type Turns = readonly (readonly [MessageRole, string])[];
const classify = (turns: Turns, entities: readonly Entity[] = []) => classifyIntent(preparedChat(turns), entities);
const labelOf = (text: string) => classify([['customer', text]]).label;

function entity(
  type: Entity['type'],
  text: string,
  messageIndex: number,
  normalized: Entity['normalized'] = text,
): Entity {
  return { type, text, normalized, messageIndex, start: 0, end: text.length, confidence: 0.9 };
}

const EXAMPLES: Readonly<Record<IntentLabel, readonly string[]>> = {
  order_status: [
    'Merhaba, siparişim nerede?',
    'siparisim ne zaman gelecek acaba',
    'kargoya verildi mi?',
    'Where is my order? I ordered last week.',
  ],
  delivery_issue: [
    'Kargom hâlâ gelmedi, 10 gün oldu',
    'teslim edildi gorunuyor ama bana ulasmadi',
    'Ürün hasarlı geldi, kutusu ezilmiş',
    'My package was not delivered, the driver left it at the wrong address',
  ],
  return_request: [
    'Ürünü iade etmek istiyorum',
    'urunu begenmedim geri gondermek istiyorum',
    'iade nasıl yapılıyor?',
    'I want to return these shoes, how do I get a return label?',
  ],
  refund_status: [
    'İade ettiğim ürünün parası ne zaman yatacak?',
    'iade ucretim hala hesabima gecmedi',
    'param ne zaman yatar',
    "I returned the jacket two weeks ago and still haven't received my refund",
  ],
  cancel_order: [
    'Siparişimi iptal etmek istiyorum',
    'siparisi iptal edin lutfen vazgectim',
    'Please cancel my order, I changed my mind',
  ],
  exchange_request: [
    'Ayakkabı küçük geldi, bir numara büyüğüyle değiştirmek istiyorum',
    'beden degisimi yapabilir miyiz, M yerine L',
    'Can I exchange this shirt for a different size?',
  ],
  product_question: [
    'Bu ürünün ölçüleri nedir, kaç cm?',
    'saat su gecirmez mi',
    'Bu kılıf iPhone 15 ile uyumlu mu?',
    'Is this jacket waterproof? What material is it made of?',
  ],
  stock_availability: [
    'Bu ürün stokta var mı?',
    'ne zaman gelir stoğa',
    'L beden tükendi mi, tekrar gelecek mi?',
    'When will it be back in stock?',
  ],
  price_discount: [
    'İndirim kodu çalışmıyor',
    'aldigim urunun fiyati dustu fark iadesi yapiyor musunuz',
    'Bu kampanya sepette uygulanmadı',
    'Do you have any discount coupons?',
  ],
  payment_problem: [
    'Kartımdan iki kere çekildi!',
    'odeme yaparken hata aliyorum',
    'Taksit seçeneği çıkmıyor, ödeme yapamıyorum',
    'I was charged twice for the same order',
  ],
  invoice_request: [
    'Faturamı e-posta ile gönderebilir misiniz?',
    'kurumsal fatura istiyorum vergi no 1234567890',
    'Can I get an invoice for my order?',
  ],
  address_change: [
    'Teslimat adresimi değiştirmek istiyorum',
    'adresi yanlis yazmisim duzeltebilir misiniz',
    'I need to change the shipping address on my order',
  ],
  complaint: [
    'Müşteri hizmetlerinize ulaşamıyorum, muhatap bulamıyorum, şikayetçiyim',
    'tüketici hakem heyetine başvuracağım, rezalet',
    'Your support staff was rude, I want to complain',
  ],
  purchase_intent: [
    'Bu üründen 3 adet almak istiyorum',
    'nasil siparis verebilirim',
    'I would like to buy two of these, how do I order?',
  ],
  greeting_thanks: [
    'Merhaba, sadece teşekkür etmek istedim, çok hızlıydınız',
    'tesekkurler iyi gunler',
    'Thanks a lot, have a nice day!',
  ],
  other: [
    'Şifremi unuttum, giriş yapamıyorum',
    'Mağazanız pazar günü açık mı?',
    'ok',
    'How do I unsubscribe from your newsletter?',
  ],
};

describe('classifyIntent', () => {
  for (const label of INTENT_LABELS) {
    it.each(EXAMPLES[label])(`reads ${label}: %s`, (text) => {
      expect(labelOf(text)).toBe(label);
    });
  }

  it('gives the first substantive customer message the most weight', () => {
    const intent = classify([
      ['customer', 'Merhaba'],
      ['customer', 'siparişim nerede, 5 gündür bekliyorum'],
      ['agent', 'Kontrol ediyorum.'],
      ['customer', 'bugün de gelmezse iptal edeceğim artık'],
    ]);
    expect(intent.label).toBe('order_status');
    expect(intent.alternatives.map((alternative) => alternative.label)).toContain('cancel_order');
  });

  it('ignores a greeting before a request and a bare thanks after it', () => {
    expect(
      classify([
        ['customer', 'Merhaba, iyi günler. Ürünün ölçüleri nedir?'],
        ['customer', 'tamam teşekkürler'],
      ]).label,
    ).toBe('product_question');
    expect(
      classify([
        ['customer', 'slm'],
        ['customer', 'merhaba'],
      ]).label,
    ).toBe('greeting_thanks');
  });

  it('uses entities as supporting evidence', () => {
    const turns: Turns = [['customer', 'TY-48213957']];
    expect(classify(turns).label).toBe('other');
    expect(classify(turns, [entity('order_number', 'TY-48213957', 0)]).label).toBe('other');
    const charged: Turns = [['customer', 'fazladan 1.250,50 TL çekilmiş']];
    const withMoney = classify(charged, [entity('money', '1.250,50 TL', 0, { amount: 1250.5, currency: 'TRY' })]);
    expect(withMoney.label).toBe('payment_problem');
    expect(withMoney.confidence).toBeGreaterThan(classify(charged).confidence);
  });

  it('takes an invoice asked for by e-mail as an invoice request, not a purchase', () => {
    expect(classify([['customer', 'iyi günler, faturamı e-posta ile alabilir miyim?']]).label).toBe('invoice_request');
  });

  it('ignores entities of agent messages when the customer wrote', () => {
    const turns: Turns = [
      ['customer', 'iade etmek istiyorum'],
      ['agent', 'Kargo takip numaranız YK7742019385'],
    ];
    expect(classify(turns, [entity('tracking_number', 'YK7742019385', 1)])).toEqual(classify(turns));
  });

  it('falls back to other when the evidence is weak', () => {
    const intent = classify([['customer', 'kargo']]);
    expect(intent.label).toBe('other');
    expect(intent.alternatives[0]?.label).toBe('order_status');
  });

  it('reads intent from agent and bot messages when the customer wrote none', () => {
    expect(classify([['agent', 'İade talebiniz için iade kodunuz oluşturuldu.']]).label).toBe('return_request');
  });

  it('returns calibrated confidences and sorted alternatives', () => {
    const intent = classify([
      ['customer', 'Siparişimi iptal etmek istiyorum, iade ederseniz de olur, param ne zaman yatar?'],
    ]);
    expect(intent.label).toBe('cancel_order');
    expect(intent.confidence).toBeGreaterThan(0);
    expect(intent.confidence).toBeLessThan(1);
    expect(intent.alternatives.length).toBeGreaterThan(0);
    expect(intent.alternatives.length).toBeLessThanOrEqual(3);
    const confidences = [intent.confidence, ...intent.alternatives.map((alternative) => alternative.confidence)];
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(confidences.reduce((sum, value) => sum + value, 0)).toBeLessThanOrEqual(1);
    expect(intent.alternatives.map((alternative) => alternative.label)).not.toContain(intent.label);
  });

  it('breaks confidence ties by label order', () => {
    const intent = classify([['customer', 'fatura adres']]);
    const tied = [intent, ...intent.alternatives];
    for (let i = 1; i < tied.length; i += 1) {
      const previous = tied[i - 1];
      const current = tied[i];
      if (previous === undefined || current === undefined || previous.confidence !== current.confidence) continue;
      expect(INTENT_LABELS.indexOf(previous.label)).toBeLessThan(INTENT_LABELS.indexOf(current.label));
    }
  });

  it('is deterministic', () => {
    const turns: Turns = [
      ['customer', 'Kargom hasarlı geldi, iade etmek istiyorum, param ne zaman yatar?'],
      ['agent', 'Talebinizi oluşturdum.'],
      ['customer', 'teşekkürler'],
    ];
    const first = classify(turns);
    const second = classify(turns);
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('classifies fifty messages of 5,000 characters of junk quickly', () => {
    const junk = (i: number) =>
      `${'iade '.repeat(300)}${'x'.repeat(i * 20)} ${'sipariş nerede '.repeat(200)}`.slice(0, 5000);
    const messages = preparedChat(Array.from({ length: 50 }, (_, i) => ['customer', junk(i)] as const));
    classifyIntent(preparedChat([['customer', junk(0)]]), []);
    const started = performance.now();
    const intent = classifyIntent(messages, []);
    // Generous for loaded CI machines; a runaway pattern would take seconds.
    expect(performance.now() - started).toBeLessThan(250);
    expect(INTENT_LABELS).toContain(intent.label);
  });
});
