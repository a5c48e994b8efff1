import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

function invekto(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

describe('invekto CLI', () => {
  it('prints usage for help', () => {
    const result = invekto(['help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('up        run every component in one process');
  });

  it('rejects an unknown command with exit code 2', () => {
    const result = invekto(['launch']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "launch"');
  });

  it.each([
    ['INVEKTO_BACKEND_PORT', 'eighty'],
    ['INVEKTO_SYNC_TIMEOUT_MS', '-5'],
    ['INVEKTO_ENV', 'prod'],
  ])('stops `up` before listening when %s is %j, naming the variable', (variable, value) => {
    const result = invekto(['up'], { [variable]: value });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(variable);
    expect(result.stdout).not.toContain('Invekto is up');
  });
});
