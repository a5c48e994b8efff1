import { ErrorCategory } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../topology/topology.js';
import { decideOnFailure, DlqReason } from './failure-decision.js';

const rungs = buildTopology().retryRungs;
const decide = (category: ErrorCategory, retryCount: number, maxRetries = 5) =>
  decideOnFailure({ category, retryCount, maxRetries, rungs });

describe('decideOnFailure', () => {
  it('walks a transient failure up the ladder one rung per attempt, then dead-letters it', () => {
    const walked = [0, 1, 2, 3, 4].map((count) => decide(ErrorCategory.Transient, count));
    expect(walked.map((d) => (d.action === 'retry' ? `${d.rung.queue}#${d.attempt}` : d.reason))).toEqual([
      'invekto.retry.2s#1',
      'invekto.retry.10s#2',
      'invekto.retry.30s#3',
      'invekto.retry.2m#4',
      'invekto.retry.10m#5',
    ]);
    expect(decide(ErrorCategory.Transient, 5)).toEqual({ action: 'dead-letter', reason: DlqReason.MaxRetries });
  });

  it('sends a permanent failure to the DLQ at once', () => {
    expect(decide(ErrorCategory.Permanent, 0)).toEqual({ action: 'dead-letter', reason: DlqReason.PermanentError });
  });

  it('retries an unknown failure once, then treats it as permanent', () => {
    expect(decide(ErrorCategory.Unknown, 0)).toMatchObject({ action: 'retry', attempt: 1 });
    expect(decide(ErrorCategory.Unknown, 1)).toEqual({ action: 'dead-letter', reason: DlqReason.PermanentError });
  });

  it('honours a smaller x-max-retries and never goes past the last rung', () => {
    expect(decide(ErrorCategory.Transient, 2, 2)).toEqual({ action: 'dead-letter', reason: DlqReason.MaxRetries });
    expect(decide(ErrorCategory.Transient, 5, 99)).toEqual({ action: 'dead-letter', reason: DlqReason.MaxRetries });
    expect(decide(ErrorCategory.Unknown, 0, 0)).toEqual({ action: 'dead-letter', reason: DlqReason.PermanentError });
  });
});
