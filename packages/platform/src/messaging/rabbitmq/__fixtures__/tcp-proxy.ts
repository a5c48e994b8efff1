import { createServer, connect, type Server, type Socket } from 'node:net';

interface Link {
  readonly client: Socket;
  readonly upstream: Socket;
}

/**
 * A TCP proxy in front of a shared server, so a test can simulate an outage without touching the server:
 * `hold` stops forwarding bytes (a stalled network), `cut` resets every open connection, and
 * `refuseNew` closes each new connection at once (a server that is down).
 */
export class TcpProxy {
  readonly #server: Server;
  readonly #links = new Set<Link>();
  #held = false;
  #refuseNew = false;
  /** Chunks waiting while held, in arrival order, with the socket they are for. */
  #backlog: { readonly to: Socket; readonly chunk: Buffer }[] = [];

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server);
    server.on('connection', (client) => proxy.#accept(client, targetHost, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('The proxy is not listening.');
    return address.port;
  }

  /** Connections currently open through the proxy. */
  get openLinks(): number {
    return this.#links.size;
  }

  /** Stops forwarding in both directions; what arrives meanwhile is kept for `release`. */
  hold(): void {
    this.#held = true;
  }

  /** Forwards what was held, then everything as it comes. */
  release(): void {
    this.#held = false;
    for (const { to, chunk } of this.#backlog.splice(0)) if (!to.destroyed) to.write(chunk);
  }

  /** Resets every open connection. */
  cut(): void {
    this.#backlog = [];
    for (const { client, upstream } of this.#links) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.#links.clear();
  }

  refuseNew(refuse: boolean): void {
    this.#refuseNew = refuse;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket, host: string, port: number): void {
    if (this.#refuseNew) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host, port });
    const link = { client, upstream };
    this.#links.add(link);
    const forward = (to: Socket) => (chunk: Buffer) => {
      if (this.#held) this.#backlog.push({ to, chunk });
      else to.write(chunk);
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    const end = () => {
      this.#links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  }
}
