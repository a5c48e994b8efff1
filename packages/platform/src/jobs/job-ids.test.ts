import { describe, expect, it } from 'vitest';
import { isJobId, newJobId, newMessageId } from './job-ids.js';

describe('job ids', () => {
  it('are ULIDs that sort by the time they were made', () => {
    const early = newJobId(Date.parse('2026-01-29T10:00:00Z'));
    const late = newMessageId(Date.parse('2026-01-29T10:00:01Z'));
    expect(isJobId(early) && isJobId(late)).toBe(true);
    expect(early < late).toBe(true);
    const burst = Array.from({ length: 1_000 }, () => newJobId(Date.parse('2026-01-29T10:00:02Z')));
    expect(new Set(burst).size).toBe(1_000);
    expect([...burst].sort()).toEqual(burst);
  });

  it('recognise only canonical ULIDs', () => {
    for (const value of ['', 'job-1', '01arz3ndektsv4rrffq69g5fav', '81ARZ3NDEKTSV4RRFFQ69G5FAV', 42, undefined]) {
      expect(isJobId(value), String(value)).toBe(false);
    }
    expect(isJobId('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(true);
  });
});
