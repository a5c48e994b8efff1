export { PolicyNames, isPolicyName, type PolicyName } from './policy-names.js';
export {
  DEFAULT_POLICY_OPTIONS,
  type BulkheadOptions,
  type CircuitBreakerOptions,
  type PolicyOptions,
  type RetryOptions,
} from './policy-options.js';
export { PolicyConfigError, resolvePolicyOptions, type PolicyOverrides } from './policy-config.js';
export type { DeepPartial } from './deep-object.js';
export {
  DEFAULT_TRANSIENT_HTTP_STATUSES,
  classifyError,
  classifyHttpStatus,
  countsAsBreakerFailure,
  isAbortError,
  isFailFastRejection,
  isNetworkError,
  isRetryableFailure,
  isTimeoutError,
} from './error-classifier.js';
export {
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isIsolatedCircuitError,
  isTaskCancelledError,
} from './cockatiel-errors.js';
export {
  breakerOpenError,
  bulkheadFullError,
  dependencyTimeoutError,
  isBreakerOpenError,
  isBulkheadFullError,
  isDependencyTimeoutError,
  type BreakerOpenError,
  type BulkheadFullError,
  type DependencyTimeoutError,
} from './policy-errors.js';
export { createRetryBackoff, retryDelayMs, type RandomSource } from './retry-backoff.js';
export {
  SamplingWindow,
  samplingGeometry,
  toMinimumRps,
  toSamplingThreshold,
  type SamplingWindowOptions,
} from './sampling-window.js';
export {
  BreakerRegistry,
  SharedBreaker,
  breakerKey,
  type BreakerEvents,
  type BreakerRegistryOptions,
  type BreakerSnapshot,
  type BreakerState,
} from './breaker-registry.js';
export type {
  BreakEvent,
  BulkheadRejectEvent,
  GiveUpEvent,
  HalfOpenEvent,
  PolicyEventBase,
  PolicyEvents,
  ResetEvent,
  RetryEvent,
  TimeoutEvent,
} from './policy-events.js';
export { TypedEmitter, type ListenerErrorHandler, type Subscribe, type Unsubscribe } from './typed-emitter.js';
export { ResiliencePolicy, createPolicy, type CreatePolicyOptions, type PolicyCall } from './resilience-policy.js';
