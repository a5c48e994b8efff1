import type { FastifyInstance } from 'fastify';

/**
 * Stops admitting requests, lets in-flight ones finish, and closes; after `timeoutMs` the remaining
 * connections are destroyed so the process can exit on time.
 */
export async function closeGracefully(app: FastifyInstance, timeoutMs: number): Promise<void> {
  app.admission.beginShutdown();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  const closed = app.close().then(() => 'closed' as const);
  if ((await Promise.race([closed, deadline])) === 'timeout') {
    app.log.warn({ inFlight: app.admission.inFlight() }, 'shutdown timeout reached; closing remaining connections');
    app.server.closeAllConnections();
    await closed;
  }
  clearTimeout(timer);
}
