// Synthetic but realistic chats of a given length, built from a fixed rotation of support messages.
const LINES = [
  ['customer', 'Merhaba, TY-48213377 numaralı siparişim 5 gündür kargoda, hâlâ gelmedi!'],
  ['agent', 'Merhaba Ayşe Hanım, hemen kontrol ediyorum. Yurtiçi Kargo takip no: YK7719203845'],
  ['customer', 'Yarın da gelmezse iptal edeceğim. Bana 0532 418 22 19 numarasından ulaşabilirsiniz.'],
  ['agent', 'Kargo firmasına iletiyorum, en geç 13.03.2025 tarihinde teslim edilecek.'],
  ['customer', 'İade ettiğim ayakkabının 1.249,90 TL ücreti hesabıma yatmadı, IBAN: TR33 0006 1005 1978 6457 8413 26'],
  ['agent', 'Teşekkürler Mehmet Bey, iadeniz 3 gün içinde hesabınızda olacak.'],
  ['customer', 'Hi, the blender I bought for $89.99 arrived broken, I want to return it. Order #778120'],
  [
    'agent',
    'Sorry about that! The label is at https://shop.example.com/returns/778120, write to returns@shop.example.com',
  ],
  ['customer', 'slm bu montun L bedeni stokta var mi, 2 tane alicam, haftaya pazartesi lazim'],
  ['customer', 'tamam tesekkurler, cok sagolun'],
];

export function chatOf(length) {
  const start = Date.parse('2025-03-11T09:00:00Z');
  const messages = Array.from({ length }, (_, index) => {
    const [role, text] = LINES[index % LINES.length];
    return { role, text, at: new Date(start + index * 60_000).toISOString() };
  });
  return { chat: { messages } };
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
