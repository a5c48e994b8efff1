import { describe, expect, it } from 'vitest';
import { parseNumeral } from './numerals.js';

describe('parseNumeral', () => {
  it('reads plain digits', () => {
    expect(parseNumeral('1250', 'tr')).toBe(1250);
    expect(parseNumeral('007', 'en')).toBe(7);
  });

  it('reads Turkish grouping with a decimal comma', () => {
    expect(parseNumeral('1.250,50', 'tr')).toBe(1250.5);
    expect(parseNumeral('1.250.000', 'tr')).toBe(1_250_000);
    expect(parseNumeral('12,5', 'tr')).toBe(12.5);
    expect(parseNumeral('99,90', 'money')).toBe(99.9);
  });

  it('reads English grouping with a decimal point', () => {
    expect(parseNumeral('1,250.50', 'tr')).toBe(1250.5);
    expect(parseNumeral('1,250,000', 'en')).toBe(1_250_000);
    expect(parseNumeral('1.5', 'tr')).toBe(1.5);
    expect(parseNumeral('12.99', 'money')).toBe(12.99);
  });

  it('reads a lone separator before three digits as thousands for money', () => {
    expect(parseNumeral('1.250', 'money')).toBe(1250);
    expect(parseNumeral('2,500', 'money')).toBe(2500);
  });

  it('reads a lone separator before three digits by the language otherwise', () => {
    expect(parseNumeral('1.250', 'tr')).toBe(1250);
    expect(parseNumeral('1,250', 'tr')).toBe(1.25);
    expect(parseNumeral('1,250', 'en')).toBe(1250);
    expect(parseNumeral('1.250', 'en')).toBe(1.25);
  });

  it('refuses shapes that are no single number', () => {
    expect(parseNumeral('1.2.3', 'tr')).toBeUndefined();
    expect(parseNumeral('12.03.2025', 'money')).toBeUndefined();
    expect(parseNumeral('1.250,5,0', 'tr')).toBeUndefined();
    expect(parseNumeral('1,25.000', 'tr')).toBeUndefined();
    expect(parseNumeral('1234.567,89', 'tr')).toBeUndefined();
  });

  it('refuses digit runs too long to be a quantity', () => {
    expect(parseNumeral('1234567890123456', 'tr')).toBeUndefined();
  });
});
