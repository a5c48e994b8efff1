import { InvektoError } from '@invekto/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces Fastify's body parsers with one JSON parser with one that rejects invalid UTF-8 instead of silently replacing it
 * with U+FFFD, and rejects prototype-poisoning keys (`__proto__`, `constructor.prototype`).
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  // JSON is the only body Invekto accepts; anything else is answered 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json(;.*)?$/i,
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
      const codes = request.routeOptions.config?.errorCodes;
      const malformed = codes?.malformedBody ?? 'INV-VAL-001';
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        done(new InvektoError(malformed, { details: 'body is not valid UTF-8' }));
        return;
      }
      if (text.trim() === '') {
        done(new InvektoError(malformed, { details: 'body is empty' }));
        return;
      }
      try {
        done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
      } catch (error) {
        done(new InvektoError(malformed, { details: (error as Error).message }));
      }
    },
  );
}
