import type { FastifyInstance } from 'fastify';
import { performance } from 'node:perf_hooks';

/** One line per finished request: what an operator needs, never the body. */
export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        statusCode: reply.statusCode,
        durationMs: Math.round((performance.now() - request.startedAt) * 100) / 100,
      },
      'request completed',
    );
    done();
  });
}
