import type { FastifyInstance } from 'fastify';

const DRAIN_POLL_MS = 20;

/**
 * Stops admitting requests, lets in-flight ones finish, and closes. Once nothing is in flight, the
 * connections still open are destroyed: a browser's preconnected socket that never sends a request
 * would otherwise hold `close()` until the deadline. After `timeoutMs` everything left is destroyed so
 * the process exits on time.
 */
export async function closeGracefully(app: FastifyInstance, timeoutMs: number): Promise<void> {
  app.admission.beginShutdown();
  let settled = false;
  const closed = app.close().then(() => {
    settled = true;
  });
  const startedAt = Date.now();
  while (!settled && app.admission.inFlight() > 0 && Date.now() - startedAt < timeoutMs) {
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS))]);
  }
  if (!settled) {
    if (app.admission.inFlight() > 0) {
      app.log.warn({ inFlight: app.admission.inFlight() }, 'shutdown timeout reached; closing remaining connections');
    }
    app.server.closeAllConnections();
  }
  await closed;
}
