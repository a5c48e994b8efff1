export {
  IDEMPOTENCY_DEFAULTS,
  IdempotencyGuard,
  type BeginOptions,
  type BeginResult,
  type CompleteOptions,
  type IdempotencyGuardOptions,
  type IdempotencyScope,
  type JsonValue,
} from './idempotency-guard.js';
export { submitOnce, type SubmitOnceRequest, type SubmitOnceResult } from './submit-once.js';
