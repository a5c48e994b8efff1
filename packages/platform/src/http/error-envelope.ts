import { InvektoError } from '@invekto/contracts';
import type { FastifyInstance } from 'fastify';
import { failure } from './envelope.js';
import { toInvektoError } from './to-invekto-error.js';

/**
 * Every failure leaves as a StandardResponse with an SVC-CAT-NNN code; stacks go to the log only,
 * never to the client.
 */
export function installErrorEnvelope(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const invektoError = toInvektoError(error, request);
    if (invektoError.httpStatus >= 500 && invektoError.code === 'INV-SYS-003') {
      request.log.error({ err: error, errorCode: invektoError.code }, 'unexpected error');
    } else {
      request.log.info({ errorCode: invektoError.code, statusCode: invektoError.httpStatus }, invektoError.message);
    }
    if (invektoError.retryAfterMs !== undefined) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(invektoError.retryAfterMs / 1000))));
    }
    return reply.code(invektoError.httpStatus).send(failure(request, invektoError));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new InvektoError('INV-VAL-006', { details: `${request.method} ${request.url.split('?')[0] ?? ''}` });
    return reply.code(error.httpStatus).send(failure(request, error));
  });
}
