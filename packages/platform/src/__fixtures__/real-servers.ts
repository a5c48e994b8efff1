import { connect } from 'node:net';

/** Whether a TCP connection to host:port opens within `timeoutMs`. */
export function tcpReachable(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface RealServer {
  /** Run the suite: the server answers, or CI=true (where a missing server must fail, not skip). */
  readonly run: boolean;
  /** Call in beforeAll: fails the suite under CI when the server cannot be reached. */
  assertReachable(): void;
}

/**
 * Decides how a real-server suite runs. On a laptop without the server the suite is skipped and says
 * so loudly; with CI=true an unreachable server fails the suite instead.
 */
export async function realServer(name: string, url: string): Promise<RealServer> {
  const { hostname, port } = new URL(url);
  const reachable = await tcpReachable(hostname, Number(port));
  const inCi = process.env['CI'] === 'true';
  if (!reachable && !inCi) console.warn(`SKIPPED: ${name} suite, nothing answers at ${hostname}:${port}.`);
  return {
    run: reachable || inCi,
    assertReachable() {
      if (!reachable) throw new Error(`${name} is not reachable at ${hostname}:${port}; CI must run this suite.`);
    },
  };
}
