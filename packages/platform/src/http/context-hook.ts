import { HeaderNames } from '@invekto/contracts';
import type { FastifyInstance } from 'fastify';
import { performance } from 'node:perf_hooks';
import { contextFromHeaders, runWithContext } from '../context/index.js';

/**
 * Timing and request context, the first two stages of the pipeline (seed 000 §2.7): the rest of the
 * request runs inside the context, so logs, outgoing calls and published messages carry it without
 * parameter threading. requestId and traceId are echoed on every response, errors included.
 */
export function installContextHook(app: FastifyInstance): void {
  app.decorateRequest('invektoContext', undefined);
  app.decorateRequest('startedAt', 0);
  app.addHook('onRequest', (request, reply, done) => {
    request.startedAt = performance.now();
    const context = contextFromHeaders(request.headers, Date.now(), request.id);
    request.invektoContext = context;
    reply.header(HeaderNames.RequestId, context.requestId);
    reply.header(HeaderNames.TraceId, context.traceId);
    runWithContext(context, done);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header(HeaderNames.ResponseTime, (performance.now() - request.startedAt).toFixed(2));
    done(null, payload);
  });
}
