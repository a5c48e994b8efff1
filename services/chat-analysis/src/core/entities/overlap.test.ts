import { describe, expect, it } from 'vitest';
import type { Candidate } from './candidate.js';
import { resolveOverlaps } from './overlap.js';

const candidate = (type: Candidate['type'], start: number, end: number, confidence = 0.9): Candidate => ({
  type,
  start,
  end,
  normalized: '',
  confidence,
});

const kept = (candidates: Candidate[]): string[] =>
  resolveOverlaps(candidates).map((c) => `${c.type}@${c.start}-${c.end}`);

describe('resolveOverlaps', () => {
  it('lets any specific type beat a number, even a longer one', () => {
    expect(kept([candidate('number', 0, 10), candidate('date', 0, 7)])).toEqual(['date@0-7']);
  });

  it('keeps the longer of two specific spans', () => {
    expect(kept([candidate('order_number', 4, 10), candidate('phone', 2, 16)])).toEqual(['phone@2-16']);
  });

  it('breaks a tie in length by confidence, then by specificity', () => {
    expect(kept([candidate('order_number', 0, 8, 0.7), candidate('tracking_number', 0, 8, 0.9)])).toEqual([
      'tracking_number@0-8',
    ]);
    expect(kept([candidate('money', 0, 5), candidate('phone', 0, 5)])).toEqual(['phone@0-5']);
  });

  it('drops void claims but keeps what they blocked out', () => {
    expect(kept([candidate('void', 0, 26, 1), candidate('phone', 5, 16), candidate('number', 30, 32)])).toEqual([
      'number@30-32',
    ]);
  });

  it('returns the survivors in text order, touching spans allowed', () => {
    expect(kept([candidate('number', 10, 12), candidate('money', 0, 5), candidate('date', 5, 10)])).toEqual([
      'money@0-5',
      'date@5-10',
      'number@10-12',
    ]);
  });

  it('ignores empty spans', () => {
    expect(kept([candidate('number', 3, 3)])).toEqual([]);
  });
});
