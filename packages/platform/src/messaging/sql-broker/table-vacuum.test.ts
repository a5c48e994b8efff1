import { describe, expect, it } from 'vitest';
import { TableVacuum } from './table-vacuum.js';

describe('TableVacuum', () => {
  it('vacuums once every `everyRows` changed rows, never two at a time', async () => {
    let runs = 0;
    let finish: (() => void) | undefined;
    const vacuum = new TableVacuum(
      () => {
        runs += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      100,
      () => undefined,
    );
    vacuum.changed(60);
    expect(runs).toBe(0);
    vacuum.changed(40);
    expect(runs).toBe(1);
    vacuum.changed(500);
    expect(runs).toBe(1);
    finish?.();
    await vacuum.stop();
    vacuum.changed(1_000);
    expect(runs).toBe(1);
  });

  it('reports a failed vacuum and tries again after the next `everyRows`', async () => {
    const failures: unknown[] = [];
    let runs = 0;
    const vacuum = new TableVacuum(
      async () => {
        runs += 1;
        throw new Error('locked');
      },
      10,
      (error) => failures.push(error),
    );
    vacuum.changed(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toHaveLength(1);
    vacuum.changed(10);
    await vacuum.stop();
    expect(runs).toBe(2);
  });
});
