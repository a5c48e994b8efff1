import { describe, expect, it } from 'vitest';
import { RateWindow } from './rate-window.js';

describe('RateWindow', () => {
  it('divides by the time observed while young, then by the window', () => {
    let now = 1_000_000;
    const rate = new RateWindow(() => now, 60);
    expect(rate.perSecond()).toBe(0);
    rate.add(10);
    expect(rate.perSecond()).toBe(10);
    now += 4_000;
    rate.add(10);
    expect(rate.perSecond()).toBe(5);
    now += 120_000;
    expect(rate.perSecond()).toBe(0);
    rate.add(120);
    expect(rate.perSecond()).toBe(2);
  });

  it('forgets events older than the window, one second at a time', () => {
    let now = 0;
    const rate = new RateWindow(() => now, 10);
    for (let second = 0; second < 10; second += 1) {
      rate.add(1);
      now += 1_000;
    }
    expect(rate.perSecond()).toBe(0.9);
    now += 5_000;
    expect(rate.perSecond()).toBe(0.4);
  });
});
