import { InvektoError } from '@invekto/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface AdmissionControl {
  /** Requests being served right now (probes excluded). */
  inFlight(): number;
  /** Stop admitting new requests; in-flight ones finish. */
  beginShutdown(): void;
}

/**
 * Back-pressure at the edge of a process (seed 001 §11): past `maxInFlight` concurrent requests, or
 * once shutdown has begun, a request is answered 503 at once instead of queueing without bound.
 */
export function installAdmissionControl(app: FastifyInstance, maxInFlight: number): AdmissionControl {
  let inFlight = 0;
  let closing = false;
  const counted = new WeakSet<FastifyRequest>();
  const release = (request: FastifyRequest) => {
    if (counted.delete(request)) inFlight -= 1;
  };

  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config?.probe === true) {
      done();
      return;
    }
    if (closing) {
      done(new InvektoError('INV-SYS-004', { retryAfterMs: 1000 }));
      return;
    }
    if (inFlight >= maxInFlight) {
      reply.header('retry-after', '1');
      done(new InvektoError('INV-SYS-002', { details: `in-flight limit ${maxInFlight} reached`, retryAfterMs: 1000 }));
      return;
    }
    inFlight += 1;
    counted.add(request);
    done();
  });
  // Responses finished during shutdown close their keep-alive connection, so the server can close
  // as soon as the last in-flight request is done instead of waiting for idle connections to time out.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (request, _reply, done) => {
    release(request);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    release(request);
    done();
  });

  return {
    inFlight: () => inFlight,
    beginShutdown: () => {
      closing = true;
    },
  };
}
