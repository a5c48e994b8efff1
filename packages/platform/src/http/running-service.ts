import type { FastifyInstance } from 'fastify';
import { closeGracefully } from './graceful-close.js';

/** A component listening on a port, with a graceful `close()`. */
export interface RunningService {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** Listens on `host:port` (0 picks a free port) and returns the URL it really got. */
export async function listen(
  app: FastifyInstance,
  options: { host: string; port: number; shutdownTimeoutMs: number },
): Promise<RunningService> {
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    app,
    close: () => closeGracefully(app, options.shutdownTimeoutMs),
  };
}
