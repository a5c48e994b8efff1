import type { AnalyzeRequest } from '@invekto/contracts';

export interface SampleChat {
  readonly id: string;
  readonly title: string;
  readonly request: AnalyzeRequest;
}

/** Example chats for the demo page: realistic support conversations in Turkish and English. */
export const SAMPLE_CHATS: SampleChat[] = [
  {
    id: 'late-delivery-tr',
    title: 'Geciken kargo (TR)',
    request: {
      chat: {
        messages: [
          {
            role: 'customer',
            at: '2025-03-11T09:12:00Z',
            text: 'Merhaba, TY-48213377 numaralı siparişim 5 gündür kargoda, hâlâ gelmedi!',
          },
          {
            role: 'agent',
            at: '2025-03-11T09:14:00Z',
            text: 'Merhaba Ayşe Hanım, hemen kontrol ediyorum. Yurtiçi Kargo takip no: YK7719203845',
          },
          {
            role: 'customer',
            at: '2025-03-11T09:16:00Z',
            text: 'Yarın da gelmezse iptal edeceğim, çok mağdur oldum. Bana 0532 418 22 19 numarasından ulaşabilirsiniz.',
          },
          {
            role: 'agent',
            at: '2025-03-11T09:18:00Z',
            text: 'Kargo firmasına iletiyorum, en geç 13.03.2025 tarihinde teslim edilecek.',
          },
        ],
      },
    },
  },
  {
    id: 'refund-iban-tr',
    title: 'İade ücreti ve IBAN (TR)',
    request: {
      chat: {
        messages: [
          {
            role: 'customer',
            at: '2025-04-02T14:03:00Z',
            text: 'İade ettiğim ayakkabının 1.249,90 TL ücreti hâlâ hesabıma yatmadı.',
          },
          { role: 'agent', at: '2025-04-02T14:05:00Z', text: 'Sipariş numaranızı paylaşır mısınız?' },
          {
            role: 'customer',
            at: '2025-04-02T14:06:00Z',
            text: 'Sipariş no 55120984. Para şu IBAN a gelsin: TR33 0006 1005 1978 6457 8413 26',
          },
          {
            role: 'agent',
            at: '2025-04-02T14:09:00Z',
            text: 'Teşekkürler Mehmet Bey, iadeniz 3 gün içinde hesabınızda olacak.',
          },
          { role: 'customer', at: '2025-04-02T14:10:00Z', text: 'Tamam, teşekkür ederim.' },
        ],
      },
    },
  },
  {
    id: 'return-en',
    title: 'Return a damaged item (EN)',
    request: {
      chat: {
        messages: [
          {
            role: 'customer',
            at: '2025-05-20T18:40:00Z',
            text: 'Hi, my name is Sarah Collins. The blender I got for $89.99 arrived broken.',
          },
          {
            role: 'agent',
            at: '2025-05-20T18:42:00Z',
            text: 'I am so sorry, Sarah. Could you send a photo to returns@shop.example.com?',
          },
          {
            role: 'customer',
            at: '2025-05-20T18:45:00Z',
            text: 'Sent. I want to return it, can UPS pick it up tomorrow? Order #778120',
          },
          {
            role: 'agent',
            at: '2025-05-20T18:47:00Z',
            text: 'Yes, the return label is at https://shop.example.com/returns/778120',
          },
        ],
      },
    },
  },
  {
    id: 'stock-question-tr-ascii',
    title: 'Stok sorusu, Türkçe karaktersiz (TR)',
    request: {
      chat: {
        messages: [
          { role: 'customer', at: '2025-06-07T21:30:00Z', text: 'slm bu montun L bedeni stokta var mi, 2 tane alicam' },
          {
            role: 'bot',
            at: '2025-06-07T21:30:05Z',
            text: 'Merhaba! Size yardımcı olmak için bir temsilciye bağlıyorum.',
          },
          {
            role: 'agent',
            at: '2025-06-07T21:32:00Z',
            text: 'L beden haftaya pazartesi stoğa girecek, fiyatı 2.399 TL.',
          },
          { role: 'customer', at: '2025-06-07T21:33:00Z', text: 'tamam tesekkurler, gelince haber verin' },
        ],
      },
    },
  },
  {
    id: 'double-charge-tr',
    title: 'Kartımdan iki kez çekildi (TR)',
    request: {
      chat: {
        messages: [
          { role: 'customer', at: '2025-07-15T08:01:00Z', text: 'Kartımdan ₺349,50 iki kere çekildi, bu ne rezalet!!' },
          {
            role: 'agent',
            at: '2025-07-15T08:03:00Z',
            text: 'Özür dileriz, ödeme kayıtlarını kontrol ediyorum. E-posta adresiniz nedir?',
          },
          { role: 'customer', at: '2025-07-15T08:04:00Z', text: 'Kemal.Arslan@Example.com' },
          {
            role: 'agent',
            at: '2025-07-15T08:07:00Z',
            text: 'Mükerrer çekim iptal edildi; tutar 2 iş günü içinde kartınıza yansıyacak.',
          },
        ],
      },
    },
  },
];
