import { describe, expect, it } from 'vitest';
import { detectChatLanguage, detectLanguage } from './detect-language.js';

describe('detectLanguage', () => {
  it.each([
    'Merhaba, siparişim hâlâ gelmedi, ne zaman gelir?',
    'siparisim nerede kargo gelmedi',
    'iade etmek istiyorum',
    'urunu begenmedim geri gondermek istiyorum',
    'kartimdan iki kere cekildi',
    'Ürün kırık geldi',
    'tamam tesekkurler',
    'beden değişimi yapabilir miyiz?',
    'kargom nerede kaldi acaba bilgi verir misiniz',
  ])('reads Turkish: %s', (text) => {
    expect(detectLanguage(text)).toBe('tr');
  });

  it.each([
    'Where is my order?',
    'The product arrived broken and I want a refund',
    'hello I want to return the shoes I bought',
    'thanks a lot',
    'my package has not been delivered yet',
    'I was charged twice for the same order',
  ])('reads English: %s', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  it('falls back to the hint, else Turkish, when a text carries no evidence', () => {
    for (const text of ['ok', '123', '', '   ', '👍', 'TY123456789']) {
      expect(detectLanguage(text)).toBe('tr');
      expect(detectLanguage(text, 'en')).toBe('en');
      expect(detectLanguage(text, 'tr')).toBe('tr');
    }
  });

  it('keeps the hint for short or mixed texts and yields only to overwhelming evidence', () => {
    expect(detectLanguage('ok thanks', 'tr')).toBe('tr');
    expect(detectLanguage('tamam', 'en')).toBe('en');
    expect(detectLanguage('Hello, where is my order? I ordered two weeks ago and nothing came.', 'tr')).toBe('en');
    expect(detectLanguage('Merhaba, siparişim iki haftadır gelmedi, kargo firması da cevap vermiyor.', 'en')).toBe(
      'tr',
    );
  });

  it('ignores a hint that is not a supported language', () => {
    expect(detectLanguage('where is my order', 'de' as never)).toBe('en');
    expect(detectLanguage('ok', 'xx' as never)).toBe('tr');
  });

  it('reads a long junk text quickly', () => {
    const junk = 'zq'.repeat(2500);
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) detectLanguage(`${junk}${i}`);
    expect((performance.now() - started) / 20).toBeLessThan(5);
  });
});

describe('detectChatLanguage', () => {
  it('weighs all messages of a chat', () => {
    const chat = ['Merhaba', 'Siparişim nerede?', 'ok', 'Kontrol ediyorum, bir dakika lütfen.', 'tesekkurler'];
    expect(detectChatLanguage(chat)).toBe('tr');
    expect(detectChatLanguage(['hi', 'where is my order', 'ok', 'Let me check that for you.'])).toBe('en');
  });

  it('lets a valid hint win a mixed chat but not an overwhelmingly other-language one', () => {
    const mixed = ['hi', 'siparis nerede', 'order TY123'];
    expect(detectChatLanguage(mixed, 'en')).toBe('en');
    expect(detectChatLanguage(mixed, 'tr')).toBe('tr');
    const turkish = ['Merhaba, siparişim hâlâ gelmedi.', 'Kargo takip numarası da çalışmıyor, çok mağdur oldum.'];
    expect(detectChatLanguage(turkish, 'en')).toBe('tr');
  });

  it('does not let one long pasted message outvote the rest of the chat', () => {
    const paste = 'This product is made of the finest materials and shipped with care. '.repeat(30);
    const chat = [paste, 'bu ürünün ölçüleri nedir?', 'kaç cm acaba?', 'beden tablosu var mı?', 'tamam teşekkürler'];
    expect(detectChatLanguage(chat)).toBe('tr');
  });

  it('defaults to Turkish for an empty or evidence-free chat', () => {
    expect(detectChatLanguage([])).toBe('tr');
    expect(detectChatLanguage(['ok', '123'])).toBe('tr');
    expect(detectChatLanguage(['ok', '123'], 'en')).toBe('en');
  });
});
