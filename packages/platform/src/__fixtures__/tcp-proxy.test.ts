import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** Resolves once `condition` holds; fails after `timeoutMs` instead of hanging the test. */
async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** What a client connection saw: bytes received, and how it ended. */
interface Observed {
  readonly socket: Socket;
  received: Buffer;
  connected: boolean;
  closed: boolean;
  error: NodeJS.ErrnoException | undefined;
}

function open(port: number): Observed {
  const socket = connect({ host: '127.0.0.1', port });
  const observed: Observed = { socket, received: Buffer.alloc(0), connected: false, closed: false, error: undefined };
  socket.on('connect', () => (observed.connected = true));
  socket.on('data', (chunk: Buffer) => (observed.received = Buffer.concat([observed.received, chunk])));
  socket.on('error', (error) => (observed.error = error));
  socket.on('close', () => (observed.closed = true));
  return observed;
}

/** Greets each connection with `hello\n`, then echoes everything back: bytes flow both ways. */
async function startEchoServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.write('hello\n');
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

describe('startTcpProxy', () => {
  let echo: Awaited<ReturnType<typeof startEchoServer>>;
  let proxy: TcpProxy;
  const clients: Observed[] = [];

  const client = (): Observed => {
    const observed = open(proxy.port);
    clients.push(observed);
    return observed;
  };

  beforeEach(async () => {
    echo = await startEchoServer();
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: echo.port });
  });

  afterEach(async () => {
    for (const observed of clients.splice(0)) observed.socket.destroy();
    await proxy.close();
    for (const socket of echo.sockets) socket.destroy();
    await new Promise((resolve) => echo.server.close(resolve));
  });

  it('forwards bytes both ways, unchanged, on a port of its own', async () => {
    expect(proxy.port).not.toBe(echo.port);
    const observed = client();
    await until(() => observed.received.toString() === 'hello\n', 'the greeting from the server');

    const payload = randomBytes(1024 * 1024);
    observed.socket.write(payload);
    const expected = Buffer.concat([Buffer.from('hello\n'), payload]);
    await until(() => observed.received.length >= expected.length, 'the echoed megabyte');
    expect(observed.received.equals(expected)).toBe(true);
    expect(proxy.connections).toBe(1);
    expect(echo.sockets.size).toBe(1);
  });

  it('cut() resets live connections on both sides and refuses new ones until restore()', async () => {
    const live = [client(), client()];
    await until(() => live.every((observed) => observed.received.length > 0), 'both greetings');
    expect(proxy.connections).toBe(2);

    proxy.cut();
    expect(proxy.isCut).toBe(true);
    await until(() => live.every((observed) => observed.closed), 'the live connections to close');
    expect(live.map((observed) => observed.error?.code)).toEqual(['ECONNRESET', 'ECONNRESET']);
    await until(() => echo.sockets.size === 0, 'the server side to close');
    expect(proxy.connections).toBe(0);

    const refused = client();
    refused.socket.write('anyone there?');
    await until(() => refused.closed, 'the new connection to be dropped');
    expect(refused.received.length).toBe(0);
    expect(echo.sockets.size).toBe(0);

    proxy.restore();
    expect(proxy.isCut).toBe(false);
    const again = client();
    again.socket.write('back');
    await until(() => again.received.toString() === 'hello\nback', 'the echo after restore');
    // Connections cut during the outage stay closed.
    expect(live.every((observed) => observed.socket.destroyed)).toBe(true);
  });

  it('drops the client when the target refuses the connection', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const dead = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: closedPort });
    try {
      const observed = open(dead.port);
      clients.push(observed);
      await until(() => observed.closed, 'the client to be dropped');
      expect(observed.received.length).toBe(0);
      expect(dead.connections).toBe(0);
    } finally {
      await dead.close();
    }
  });

  it('close() ends live connections and stops listening; calling it again is harmless', async () => {
    const observed = client();
    await until(() => observed.received.length > 0, 'the greeting');
    await Promise.all([proxy.close(), proxy.close()]);
    await until(() => observed.closed, 'the connection to close');
    const after = open(proxy.port);
    clients.push(after);
    await until(() => after.closed, 'the refused connection to close');
    expect(after.connected).toBe(false);
    expect(after.error?.code).toBe('ECONNREFUSED');
  });
});
