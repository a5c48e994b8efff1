import { InvektoError } from '@invekto/contracts';
import { contextFromHeaders, type IncomingHeaders } from '../../context/context-from-headers.js';
import type { RequestContext } from '../../context/request-context.js';
import type { MessageHeaders } from '../broker/broker.js';

/**
 * The request context a message carries (seed 000 §3.2): the same trace, tenant and request ids the
 * producer had, with a new span for this consumer. An identity header no request could carry makes
 * the message unreadable (INV-BUS-005).
 */
export function contextFromMessage(headers: MessageHeaders, receivedAt: number): RequestContext {
  const textual: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') textual[name] = value;
  }
  try {
    return contextFromHeaders(textual as IncomingHeaders, receivedAt);
  } catch (error) {
    throw new InvektoError('INV-BUS-005', {
      message: `The message headers are invalid: ${(error as Error).message}`,
      cause: error,
    });
  }
}
