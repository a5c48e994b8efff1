import { describe, expect, it } from 'vitest';
import { randomHex, randomUnit } from './random-pool.js';

describe('random pool', () => {
  it('gives hex of the asked length, different every time, across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const hex = randomHex(16);
      expect(hex).toMatch(/^[0-9a-f]{32}$/);
      seen.add(hex);
    }
    expect(seen.size).toBe(2000);
  });

  it('gives floats in [0, 1) spread over the interval', () => {
    const values = Array.from({ length: 5000 }, randomUnit);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
