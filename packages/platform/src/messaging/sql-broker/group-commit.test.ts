import { describe, expect, it } from 'vitest';
import { GroupCommit, type ItemOutcome } from './group-commit.js';

function recording(outcome: (item: number) => ItemOutcome<string> = (item) => ({ ok: true, value: `v${item}` })) {
  const batches: number[][] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const batcher = new GroupCommit<number, string>(async (items) => {
    batches.push(items);
    await gate;
    return items.map(outcome);
  }, 3);
  return {
    batcher,
    batches,
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    release() {
      gate = undefined;
      release?.();
    },
  };
}

describe('GroupCommit', () => {
  it('writes items submitted in one turn as one batch, at most maxBatch at a time', async () => {
    const { batcher, batches } = recording();
    const results = await Promise.all([1, 2, 3, 4].map((n) => batcher.submit(n)));
    expect(results).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('collects items submitted while a flush runs into the next one', async () => {
    const run = recording();
    run.hold();
    const first = run.batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [run.batcher.submit(2), run.batcher.submit(3)];
    run.release();
    await Promise.all([first, ...later]);
    expect(run.batches).toEqual([[1], [2, 3]]);
  });

  it('fails single items by their outcome and a whole batch when the flush throws', async () => {
    const failing = recording((item) =>
      item === 2 ? { ok: false, error: new Error('two') } : { ok: true, value: 'ok' },
    );
    const outcomes = await Promise.allSettled([1, 2].map((n) => failing.batcher.submit(n)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);

    const broken = new GroupCommit<number, void>(() => Promise.reject(new Error('down')), 10);
    const all = await Promise.allSettled([1, 2].map((n) => broken.submit(n)));
    expect(all.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as Error).message : 'ok'))).toEqual([
      'down',
      'down',
    ]);
    await expect(broken.submit(3)).rejects.toThrow('down');
  });

  it('drain() resolves once everything submitted so far is written', async () => {
    const run = recording();
    run.hold();
    let done = false;
    void run.batcher.submit(1).then(() => (done = true));
    const drained = run.batcher.drain();
    setTimeout(() => run.release(), 10);
    await drained;
    expect(done).toBe(true);
  });
});
