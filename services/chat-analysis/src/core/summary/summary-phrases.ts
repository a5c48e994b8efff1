import type { IntentLabel, Language, SentimentLabel } from '@invekto/contracts';
import type { PhraseEntries } from '../language/index.js';

/** The words key points are written with, per chat language. */
export interface KeyPointWording {
  readonly topic: string;
  readonly sentiment: string;
  readonly orderNumber: string;
  readonly trackingNumber: string;
  readonly amount: string;
  readonly date: string;
  readonly agent: string;
  readonly intents: Readonly<Record<IntentLabel, string>>;
  readonly sentiments: Readonly<Record<SentimentLabel, string>>;
}

export const KEY_POINT_WORDING: Readonly<Record<Language, KeyPointWording>> = {
  tr: {
    topic: 'Konu',
    sentiment: 'Müşteri duygusu',
    orderNumber: 'Sipariş no',
    trackingNumber: 'Kargo takip no',
    amount: 'Tutar',
    date: 'Tarih',
    agent: 'Temsilci',
    intents: {
      order_status: 'sipariş durumu',
      delivery_issue: 'teslimat sorunu',
      return_request: 'iade talebi',
      refund_status: 'para iadesi durumu',
      cancel_order: 'sipariş iptali',
      exchange_request: 'değişim talebi',
      product_question: 'ürün sorusu',
      stock_availability: 'stok durumu',
      price_discount: 'fiyat ve indirim',
      payment_problem: 'ödeme sorunu',
      invoice_request: 'fatura talebi',
      address_change: 'adres değişikliği',
      complaint: 'şikayet',
      purchase_intent: 'satın alma isteği',
      greeting_thanks: 'selamlaşma ve teşekkür',
      other: 'diğer',
    },
    sentiments: { negative: 'olumsuz', neutral: 'nötr', positive: 'olumlu' },
  },
  en: {
    topic: 'Topic',
    sentiment: 'Customer sentiment',
    orderNumber: 'Order no',
    trackingNumber: 'Tracking no',
    amount: 'Amount',
    date: 'Date',
    agent: 'Agent',
    intents: {
      order_status: 'order status',
      delivery_issue: 'delivery issue',
      return_request: 'return request',
      refund_status: 'refund status',
      cancel_order: 'order cancellation',
      exchange_request: 'exchange request',
      product_question: 'product question',
      stock_availability: 'stock availability',
      price_discount: 'price and discount',
      payment_problem: 'payment problem',
      invoice_request: 'invoice request',
      address_change: 'address change',
      complaint: 'complaint',
      purchase_intent: 'purchase intent',
      greeting_thanks: 'greeting and thanks',
      other: 'other',
    },
    sentiments: { negative: 'negative', neutral: 'neutral', positive: 'positive' },
  },
};

/**
 * What an agent says when committing to an action: forwarding, checking, refunding, sending. The
 * weight ranks competing sentences; an explicit future action outranks "let me check".
 */
export const AGENT_PROMISES: PhraseEntries<number> = [
  ['iletiyorum', 2],
  ['ilet*', 1.5],
  ['kontrol ediyorum', 1.5],
  ['kontrol ed*', 1.2],
  ['inceliyorum', 1.5],
  ['incele*', 1.2],
  ['geri dönüş yap*', 2],
  ['dönüş sağla*', 2],
  ['size dön*', 1.5],
  ['bilgi verece*', 2],
  ['bilgilendir*', 1.5],
  ['iade edilecek*', 2.5],
  ['iadeniz ~ yapıl*', 2.5],
  ['iptal edil*', 2],
  ['talep* oluştur*', 2],
  ['kayıt* oluştur*', 2],
  ['oluşturuldu', 1.5],
  ['oluşturdum', 1.5],
  ['gönderilecek*', 2],
  ['göndereceğ*', 2],
  ['yeniden gönder*', 2],
  ['kargoya verilecek*', 2],
  ['teslim edilecek*', 2],
  ['yansıyacak*', 2.5],
  ['yatırılacak*', 2.5],
  ['hesabınıza ~ yat*', 2.5],
  ['tanımla*', 2],
  ['güncellen*', 2],
  ['güncelle*', 1.5],
  ['düzenle*', 1.5],
  ['ilgili birim*', 2],
  ['ilgili ekip*', 2],
  ['takip ed*', 1.2],
  ['sağlanacak*', 2],
  ['çözülecek*', 2],
  ['başlatıl*', 2],
  ['başlattım', 2],
  ['will refund', 2.5],
  ['will be refunded', 2.5],
  ['refund* ~ issued', 2.5],
  ['will be', 1.5],
  ["i'll", 1.5],
  ['i will', 1.5],
  ['we will', 1.5],
  ["we'll", 1.5],
  ['let me check', 1.2],
  ['checking', 1],
  ['forward*', 1.5],
  ['escalat*', 1.5],
  ['has been', 1.2],
  ['update you', 1.5],
  ['get back to you', 2],
  ['contact you', 1.5],
  ['send you', 1.5],
  ['processed', 1.5],
  ['arrang*', 1.5],
];
