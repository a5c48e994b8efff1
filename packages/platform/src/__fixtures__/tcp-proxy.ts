import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface TcpProxyOptions {
  /** Where connections are forwarded, e.g. `127.0.0.1`. */
  readonly targetHost: string;
  readonly targetPort: number;
  /** @default '127.0.0.1' */
  readonly listenHost?: string;
}

/**
 * A TCP proxy between code under test and a real server, for chaos tests (MACHINE.md: outages are
 * simulated here, never by stopping a shared server).
 */
export interface TcpProxy {
  readonly host: string;
  /** The port the proxy listens on; point the client at `host:port` instead of the target. */
  readonly port: number;
  /** Client connections currently forwarded. */
  readonly connections: number;
  /** Whether the proxy is cut (between `cut()` and `restore()`). */
  readonly isCut: boolean;
  /** Whether forwarding is stalled (between `hold()` and `release()`). */
  readonly isHeld: boolean;
  /**
   * Simulates an outage: resets every live connection (the client sees ECONNRESET, the server a
   * closed socket) and, until `restore()`, accepts new connections only to reset them at once.
   */
  cut(): void;
  /** Ends the outage: new connections are forwarded again. Connections cut stay closed. */
  restore(): void;
  /**
   * Simulates a stalled network: connections stay open, new ones are accepted, but no byte is forwarded
   * either way until `release()`. What arrives meanwhile waits in the sockets (TCP back-pressure, as on a
   * real stall) and is delivered, in order, on release. `cut()` while held still resets everything.
   */
  hold(): void;
  /** Ends the stall: what was held is forwarded, then everything as it comes. */
  release(): void;
  /** Resets every connection and stops listening. Idempotent. */
  close(): Promise<void>;
}

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
}

// Until the upstream connects, net.Socket buffers what the client sends.
function forward({ client, upstream }: Pair): void {
  client.pipe(upstream);
  upstream.pipe(client);
}

// unpipe() pauses a socket that has no other destination: it stops reading, so bytes stay in the
// kernel and socket buffers until the next pipe() resumes it.
function stall({ client, upstream }: Pair): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
}

function reset(socket: Socket): void {
  // resetAndDestroy sends RST; it throws on a socket that is not a connected TCP socket.
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

/** Starts a proxy on an ephemeral port; resolves once it listens. */
export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const { targetHost, targetPort, listenHost = '127.0.0.1' } = options;
  const pairs = new Set<Pair>();
  let isCut = false;
  let isHeld = false;
  let closing: Promise<void> | undefined;

  const server = createServer((client) => {
    client.on('error', () => undefined);
    if (isCut || closing !== undefined) {
      reset(client);
      return;
    }
    const upstream = connect({ host: targetHost, port: targetPort });
    upstream.on('error', () => undefined);
    const pair: Pair = { client, upstream };
    pairs.add(pair);
    // Either side going away takes the other with it, as a broken network path would.
    const teardown = (): void => {
      pairs.delete(pair);
      reset(client);
      upstream.destroy();
    };
    client.once('close', teardown);
    upstream.once('close', teardown);
    if (!isHeld) forward(pair);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const cutAll = (): void => {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      reset(pair.client);
      pair.upstream.destroy();
    }
  };

  return {
    host: listenHost,
    port,
    get connections() {
      return pairs.size;
    },
    get isCut() {
      return isCut;
    },
    cut() {
      isCut = true;
      cutAll();
    },
    restore() {
      isCut = false;
    },
    get isHeld() {
      return isHeld;
    },
    hold() {
      if (isHeld) return;
      isHeld = true;
      for (const pair of pairs) stall(pair);
    },
    release() {
      if (!isHeld) return;
      isHeld = false;
      for (const pair of pairs) forward(pair);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        cutAll();
      });
      return closing;
    },
  };
}
