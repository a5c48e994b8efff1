import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

const scratch = mkdtempSync(join(tmpdir(), 'invekto-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Settings from the outer shell must not change what the CLI does here. */
function withoutInvektoSettings(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('INVEKTO_')));
}

function invekto(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { ...withoutInvektoSettings(), ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

describe('invekto CLI', () => {
  it('prints usage for help', () => {
    const result = invekto(['help']);
    expect(result.status).toBe(0);
    for (const command of ['up ', 'run <component>', 'migrate ', 'topology ', 'help ']) {
      expect(result.stdout).toContain(`  ${command}`);
    }
  });

  it('refuses `run` without a known component, listing the components', () => {
    for (const args of [['run'], ['run', 'frontend'], ['run', 'backend', 'extra']]) {
      const result = invekto(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('chat-analysis-api, chat-analysis-consumer, backend, dispatcher');
    }
  });

  it('migrates the embedded database once, then finds it current', () => {
    const env = { INVEKTO_DATA_DIR: join(scratch, 'data') };
    const first = invekto(['migrate'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/applied \d+ migration\(s\)/);
    expect(first.stdout).toContain('0003_broker.sql');
    const again = invekto(['migrate'], env);
    expect(again.stdout).toContain('schema is current');
  });

  it('exports the topology as the committed definitions file, and refuses to declare without RabbitMQ', () => {
    const file = join(scratch, 'definitions.json');
    const exported = invekto(['topology', '--export', file, '--vhost', 'invekto-dev']);
    expect(exported.status, exported.stderr).toBe(0);
    const committed = fileURLToPath(new URL('../../infra/rabbitmq/definitions.json', import.meta.url));
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(committed, 'utf8'));
    const declared = invekto(['topology']);
    expect(declared.status).toBe(2);
    expect(declared.stderr).toContain('INVEKTO_AMQP_URL');
    expect(invekto(['topology', '--export']).status).toBe(2);
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
    ['INVEKTO_RETRY_DELAYS_MS', '2000,10000'],
    ['INVEKTO_AMQP_URL', 'http://rabbit'],
  ])('stops `up` before listening when %s is %j, naming the variable', (variable, value) => {
    const result = invekto(['up'], { [variable]: value });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(variable);
    expect(result.stdout).not.toContain('Invekto is up');
  });
});
