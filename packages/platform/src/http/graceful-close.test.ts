import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, LogCapture } from '../observability/index.js';
import { createHttpApp, type HttpApp } from './create-http-app.js';
import { success } from './envelope.js';
import { listen, type RunningService } from './running-service.js';

let running: RunningService | undefined;
afterEach(async () => {
  running?.app.server.closeAllConnections();
  running = undefined;
});

async function slowService(
  shutdownTimeoutMs: number,
  delayMs: number,
): Promise<{ app: HttpApp; service: RunningService }> {
  const logger = createLogger({ service: 'test', hashSalt: 's', destination: new LogCapture() });
  const app = await createHttpApp({ service: 'test', version: '1', logger });
  app.get('/slow', async (request) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return success(request, 'finished');
  });
  const service = await listen(app, { host: '127.0.0.1', port: 0, shutdownTimeoutMs });
  running = service;
  return { app, service };
}

describe('graceful close', () => {
  it('lets an in-flight request finish, then closes', async () => {
    const { service } = await slowService(5_000, 300);
    const inFlight = fetch(`${service.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await service.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toBe('finished');
    const closedAfter = performance.now() - started;
    expect(closedAfter).toBeGreaterThanOrEqual(200);
    expect(closedAfter).toBeLessThan(2_000);
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
  });

  it('cuts requests still running when the shutdown timeout ends', async () => {
    const { service } = await slowService(200, 10_000);
    const inFlight = fetch(`${service.url}/slow`).then(
      (response) => response.status,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await service.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await inFlight).toBe('cut');
  });

  it('does not wait for a connection that never sends a request', async () => {
    const { service } = await slowService(5_000, 0);
    const { port } = new URL(service.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    const started = performance.now();
    await service.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    await ended;
  });
});
