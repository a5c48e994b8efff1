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

/** Lets a stalled path show that nothing got through: waits a while, long against loopback latency. */
const quietPeriod = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

interface EchoServer {
  readonly server: Server;
  readonly port: number;
  readonly sockets: Set<Socket>;
  /** Bytes the server has received, over all connections. */
  readonly bytesIn: () => number;
}

/** Greets each connection with `hello\n`, then echoes everything back: bytes flow both ways. */
async function startEchoServer(): Promise<EchoServer> {
  const sockets = new Set<Socket>();
  let bytesIn = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk: Buffer) => (bytesIn += chunk.length));
    socket.write('hello\n');
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets, bytesIn: () => bytesIn };
}

describe('startTcpProxy', () => {
  let echo: EchoServer;
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

  it('hold() stalls live connections both ways without closing them; release() delivers what was held, in order', async () => {
    const observed = client();
    await until(() => observed.received.toString() === 'hello\n', 'the greeting');
    const before = echo.bytesIn();

    proxy.hold();
    expect(proxy.isHeld).toBe(true);
    const [serverSide] = [...echo.sockets];
    serverSide?.write('push\n');
    // More than the socket buffers hold: the rest waits on back-pressure, none of it is lost.
    const payload = randomBytes(1024 * 1024);
    observed.socket.write(payload);
    await quietPeriod();
    expect(echo.bytesIn()).toBe(before);
    expect(observed.received.toString()).toBe('hello\n');
    expect(observed.closed).toBe(false);
    expect(proxy.connections).toBe(1);

    proxy.release();
    expect(proxy.isHeld).toBe(false);
    const expected = Buffer.concat([Buffer.from('hello\npush\n'), payload]);
    await until(() => observed.received.length >= expected.length, 'the held bytes after release');
    expect(observed.received.equals(expected)).toBe(true);
    expect(echo.sockets.size).toBe(1);
  });

  it('accepts connections while held but forwards nothing on them until release()', async () => {
    proxy.hold();
    const late = client();
    late.socket.write('early');
    await until(() => late.connected, 'the connection to be accepted');
    await quietPeriod();
    expect(late.received.length).toBe(0);
    expect(echo.bytesIn()).toBe(0);
    expect(late.closed).toBe(false);

    proxy.release();
    await until(() => late.received.toString() === 'hello\nearly', 'the greeting and echo after release');
  });

  it('cut() while held resets the stalled connections; after restore() and release() new ones work', async () => {
    const stalled = client();
    await until(() => stalled.received.length > 0, 'the greeting');
    proxy.hold();
    stalled.socket.write('lost');
    proxy.cut();
    await until(() => stalled.closed, 'the stalled connection to close');
    expect(stalled.error?.code).toBe('ECONNRESET');
    expect(proxy.connections).toBe(0);

    proxy.restore();
    proxy.release();
    const again = client();
    again.socket.write('back');
    await until(() => again.received.toString() === 'hello\nback', 'the echo after restore and release');
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
