import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

const people = (text: string, language: 'tr' | 'en' = 'tr'): Array<[string, unknown]> =>
  found(text, 'person', { language }).map((e) => [e.text, e.normalized]);

describe('persons', () => {
  it('takes the name before an honorific, without the honorific', () => {
    expect(found('Merhaba Ayşe Hanım, Ahmet Bey aradı', 'person')).toEqual([
      { text: 'Ayşe', normalized: 'Ayşe', start: 8, end: 12 },
      { text: 'Ahmet', normalized: 'Ahmet', start: 20, end: 25 },
    ]);
    expect(people("ayse hanim ve mehmet bey, Ayşe Nur Hanım'a ilettim")).toEqual([
      ['ayse', 'Ayse'],
      ['mehmet', 'Mehmet'],
      ['Ayşe Nur', 'Ayşe Nur'],
    ]);
  });

  it('takes an unknown capitalised name before an honorific, but not a title or a greeting', () => {
    expect(people('Tuncay Bey, Müdür Bey, Merhaba Hanım')).toEqual([['Tuncay', 'Tuncay']]);
  });

  it('reads self-introductions', () => {
    expect(found('benim adım Zeynep Kaya', 'person')).toEqual([
      { text: 'Zeynep Kaya', normalized: 'Zeynep Kaya', start: 11, end: 22 },
    ]);
    expect(people('ben Can, adım elif, ismim ali veli')).toEqual([
      ['Can', 'Can'],
      ['elif', 'Elif'],
      ['ali veli', 'Ali Veli'],
    ]);
    expect(people('Ben temsilciniz Burak, size yardımcı olacağım')).toEqual([['Burak', 'Burak']]);
  });

  it('reads English introductions and titles', () => {
    expect(people("my name is John Smith. I'm Sarah, this is Mike. Mr. Brown and Mrs Green", 'en')).toEqual([
      ['John Smith', 'John Smith'],
      ['Sarah', 'Sarah'],
      ['Mike', 'Mike'],
      ['Brown', 'Brown'],
      ['Green', 'Green'],
    ]);
  });

  it('reads a known given name with the surname after it', () => {
    expect(people('Mehmet Yılmaz ile görüştüm, AHMET YILMAZ adına kayıtlı')).toEqual([
      ['Mehmet Yılmaz', 'Mehmet Yılmaz'],
      ['AHMET YILMAZ', 'Ahmet Yılmaz'],
    ]);
  });

  it('leaves apostrophe suffixes out of the name', () => {
    expect(found("Ahmet'in siparişi Zeynep'e gitti", 'person')).toEqual([
      { text: 'Ahmet', normalized: 'Ahmet', start: 0, end: 5 },
      { text: 'Zeynep', normalized: 'Zeynep', start: 18, end: 24 },
    ]);
  });

  it('title-cases with Turkish rules', () => {
    expect(people('adım ismail ışık, adım İREM')).toEqual([
      ['ismail', 'İsmail'],
      ['İREM', 'İrem'],
    ]);
  });

  it('needs a cue or a surname for names that are also everyday words', () => {
    expect(summary('Umut ediyorum ki gelir. Deniz kenarında oturuyorum. Can you help?')).toEqual([]);
    expect(people('Deniz Kaya geldi, ben Umut')).toEqual([
      ['Deniz Kaya', 'Deniz Kaya'],
      ['Umut', 'Umut'],
    ]);
  });

  it('does not tag sentence-initial words, places, products, months or days as persons', () => {
    expect(
      summary('Teşekkürler. Siparişim İstanbul Ankara arası kargoda. Samsung Galaxy aldım. Mart ayında, Cuma günü'),
    ).toEqual([]);
    expect(summary('Ben siparişimi iptal etmek istiyorum. Bir adım daha.')).toEqual([]);
  });

  it('reads "Ben" as a name in English', () => {
    expect(people('Ben Stiller called', 'en')).toEqual([['Ben Stiller', 'Ben Stiller']]);
  });
});
