import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

export const TEST_AMQP_URL = process.env['INVEKTO_TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

const run = promisify(execFile);

async function rabbitmqctl(...args: string[]): Promise<void> {
  await run('rabbitmqctl', ['--quiet', ...args], { timeout: 30_000 });
}

export interface TestVhost {
  readonly name: string;
  /** The server URL with this vhost as its path. */
  readonly url: string;
  /** Deletes the vhost with everything in it. */
  remove(): Promise<void>;
}

/** A vhost of its own for one suite (`invekto-test-<label>-<random>`), so nothing shared is touched. */
export async function createTestVhost(label: string, serverUrl = TEST_AMQP_URL): Promise<TestVhost> {
  const name = `invekto-test-${label}-${randomUUID().slice(0, 8)}`;
  const user = decodeURIComponent(new URL(serverUrl).username) || 'guest';
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, user, '.*', '.*', '.*');
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return { name, url: url.toString(), remove: () => rabbitmqctl('delete_vhost', name) };
}
