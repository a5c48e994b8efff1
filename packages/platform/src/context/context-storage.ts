import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from './request-context.js';

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` as the current request context for everything it starts, sync or async. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request or message being handled, if any. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
