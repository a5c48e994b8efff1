import type { Language } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { preparedChat } from '../language/__fixtures__/prepared-chat.js';
import { scoreMessage } from './score-message.js';

function score(text: string, locale?: Language): number {
  const [message] = preparedChat([['customer', text]], locale);
  if (message === undefined) throw new Error('no message');
  return scoreMessage(message).score;
}

describe('scoreMessage', () => {
  it.each([
    'Rezalet bir hizmet',
    'berbat',
    'Dolandırıcılar, paramı geri verin',
    'mağdur oldum, bıktım artık',
    'ürün kırık geldi',
    'kutu hasarlı, ürün eksik',
    'yanlış ürün gönderilmiş',
    'kargom hala gelmedi',
    'This is terrible',
    'The item arrived broken',
    'total scam, I am so disappointed',
  ])('reads a complaint as negative: %s', (text) => {
    expect(score(text)).toBeLessThan(-0.3);
  });

  it.each([
    'Teşekkürler, harika bir hizmet',
    'süper, çok memnunum',
    'elinize sağlık, çok güzel olmuş',
    'ürün mükemmel geldi',
    'Great service, thank you so much!',
    'Perfect, exactly what I needed',
  ])('reads praise as positive: %s', (text) => {
    expect(score(text)).toBeGreaterThan(0.3);
  });

  it('matches Turkish suffixes with and without Turkish letters', () => {
    expect(score('memnunum')).toBeGreaterThan(0.3);
    expect(score('memnun kaldım')).toBeGreaterThan(0.3);
    expect(score('beğendim')).toBeGreaterThan(0.3);
    expect(score('begendim')).toBeCloseTo(score('beğendim'), 6);
    expect(score('REZALET')).toBeLessThan(-0.5);
  });

  describe('negation', () => {
    it('flips praise negated in Turkish, by word or by verb ending', () => {
      expect(score('memnun değilim')).toBeLessThan(-0.3);
      expect(score('hiç memnun değilim')).toBeLessThan(score('memnun değilim'));
      expect(score('beğenmedim')).toBeLessThan(-0.3);
      expect(score('urunu hic begenmedim')).toBeLessThan(-0.5);
      expect(score('memnun kalmadım')).toBeLessThan(-0.3);
      expect(score('hiç yardımcı olmadınız')).toBeLessThan(-0.3);
    });

    it('reads a negated complaint as mildly positive', () => {
      const notBad = score('fena değil');
      expect(notBad).toBeGreaterThan(0.12);
      expect(notBad).toBeLessThan(score('güzel'));
      expect(score('sorunsuz geldi')).toBeGreaterThan(0.12);
      expect(score('not bad', 'en')).toBeGreaterThan(0.12);
      expect(score('not bad', 'en')).toBeLessThan(score('good', 'en'));
    });

    it('flips praise negated in English', () => {
      expect(score('not happy at all', 'en')).toBeLessThan(-0.3);
      expect(score("I don't like it", 'en')).toBeLessThan(-0.3);
      expect(score('never good', 'en')).toBeLessThan(-0.3);
    });

    it('reads an unmet expectation as a complaint and a met one as neutral', () => {
      expect(score('çalışmıyor')).toBeLessThan(-0.3);
      expect(score('cevap yok')).toBeLessThan(-0.3);
      expect(score('muhatap bulamıyorum')).toBeLessThan(-0.3);
      expect(score('teslim edilmedi')).toBeLessThan(-0.3);
      expect(score('my package never arrived', 'en')).toBeLessThan(-0.3);
      expect(score("I haven't received my refund", 'en')).toBeLessThan(-0.3);
      expect(score('kargom geldi')).toBe(0);
      expect(score('it arrived today', 'en')).toBe(0);
    });

    it('does not read the order-number "no" as a negator in Turkish', () => {
      expect(score('Sipariş no 12345 gelmedi')).toBeCloseTo(score('Sipariş 12345 gelmedi'), 6);
    });

    it('does not read "değil" as an unmet expectation: it contrasts', () => {
      expect(score('İade değil, değişim istiyorum')).toBe(0);
    });
  });

  it('strengthens opinions after intensifiers and softens them after diminishers', () => {
    expect(score('çok güzel')).toBeGreaterThan(score('güzel'));
    expect(score('aşırı kötü')).toBeLessThan(score('kötü'));
    expect(score('biraz kötü')).toBeGreaterThan(score('kötü'));
    expect(score('really disappointed', 'en')).toBeLessThan(score('disappointed', 'en'));
    expect(score('hala gelmedi')).toBeLessThan(score('gelmedi'));
  });

  it('amplifies by exclamation marks and shouting, and reads repeated question marks as impatience', () => {
    expect(score('rezalet!!!')).toBeLessThan(score('rezalet'));
    expect(score('this is TERRIBLE', 'en')).toBeLessThan(score('this is terrible', 'en'));
    expect(score('NEREDE BU SİPARİŞ')).toBeLessThan(-0.12);
    expect(score('Siparişim nerede???')).toBeLessThan(0);
    expect(score('Siparişim nerede?')).toBe(0);
  });

  it('reads emoji and emoticons, and not the colon-slash of a link', () => {
    expect(score('😡')).toBeLessThan(-0.3);
    expect(score('👎🙁')).toBeLessThan(-0.3);
    expect(score(':(')).toBeLessThan(-0.3);
    expect(score('😊')).toBeGreaterThan(0.3);
    expect(score('👍')).toBeGreaterThan(0.3);
    expect(score('🙏 ❤️')).toBeGreaterThan(0.3);
    expect(score('teşekkürler:)')).toBeGreaterThan(0.3);
    expect(score('https://site.com/iade')).toBe(0);
    expect(score('the item arrived broken 😡', 'en')).toBeLessThan(score('the item arrived broken', 'en'));
  });

  it('keeps greetings and polite formulas neutral, and a bare thanks near neutral', () => {
    for (const text of [
      'Merhaba, iyi günler',
      'iyi çalışmalar, kolay gelsin',
      'rica ederim',
      'Good morning',
      'ok',
      '123',
    ]) {
      expect(score(text)).toBe(0);
    }
    expect(Math.abs(score('teşekkürler'))).toBeLessThan(0.12);
    expect(score('çok teşekkürler, çok yardımcı oldunuz')).toBeGreaterThan(0.5);
  });

  it('does not let politeness turn a complaint positive', () => {
    expect(score('Merhaba, iyi günler. Ürün kırık geldi, teşekkürler')).toBeLessThan(-0.3);
    expect(score('Kolay gelsin, siparişim 2 haftadır gelmedi, rezalet')).toBeLessThan(-0.5);
    expect(score('thanks, but the item arrived broken', 'en')).toBeLessThan(-0.3);
  });

  it('reads "iade etmek istiyorum" as mildly negative', () => {
    const value = score('iade etmek istiyorum');
    expect(value).toBeLessThan(0);
    expect(value).toBeGreaterThan(-0.3);
  });

  it('ignores praise that is asked about and flips praise marked as ironic', () => {
    expect(score('kaliteli mi?')).toBe(0);
    expect(score('su geçirmez mi, sağlam mı')).toBe(0);
    expect(score('is it good?', 'en')).toBe(0);
    expect(score('harika(!) hizmet')).toBeLessThan(-0.3);
  });

  it('scores a 5,000-character junk message quickly and within bounds', () => {
    const junk = `${'x'.repeat(1000)} ${'çok '.repeat(300)}${'😡:( '.repeat(300)}${'!?'.repeat(500)}`.slice(0, 5000);
    const [message] = preparedChat([['customer', junk]]);
    if (message === undefined) throw new Error('no message');
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) scoreMessage(message);
    expect((performance.now() - started) / 20).toBeLessThan(5);
    const { score: value } = scoreMessage(message);
    expect(value).toBeGreaterThanOrEqual(-1);
    expect(value).toBeLessThanOrEqual(1);
  });
});
