export type { RequestContext } from './request-context.js';
export { currentContext, runWithContext } from './context-storage.js';
export { contextFromHeaders, type IncomingHeaders } from './context-from-headers.js';
export { childContext, contextToHeaders } from './context-to-headers.js';
export {
  formatTraceParent,
  isSpanId,
  isTraceId,
  newRequestId,
  newSpanId,
  newTraceId,
  parseTraceParent,
} from './trace-ids.js';
