import type { ErrorCode } from '@invekto/contracts';
import type { Logger } from '../observability/index.js';

/** A dependency check run by `/ready`; it throws (or rejects) when the dependency is not usable. */
export interface ReadinessCheck {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}

/** Codes a route answers with for request-level failures, so a service can use its own (e.g. CHA-VAL-*). */
export interface RequestErrorCodes {
  /** @default 'INV-VAL-001' */
  readonly malformedBody: ErrorCode;
  /** @default 'INV-VAL-002' */
  readonly unsupportedMediaType: ErrorCode;
  /** @default 'INV-VAL-003' */
  readonly bodyTooLarge: ErrorCode;
  /** @default 'INV-VAL-004' */
  readonly validation: ErrorCode;
}

export interface HttpAppOptions {
  /** Component name, e.g. 'chat-analysis'; used in logs, health and the OpenAPI title. */
  readonly service: string;
  readonly version: string;
  readonly logger: Logger;
  /** @default 1048576 */
  readonly bodyLimitBytes?: number;
  /** In-flight request cap; beyond it requests get 503 INV-SYS-002 at once (seed 001 §11). @default 256 */
  readonly maxInFlight?: number;
  /** Include ops-only `error.details` in responses. @default false */
  readonly exposeErrorDetails?: boolean;
  /** Checks for `/ready`, each cut off after `readinessTimeoutMs`. @default [] */
  readonly readinessChecks?: readonly ReadinessCheck[];
  /** @default 1000 */
  readonly readinessTimeoutMs?: number;
  /** Short description for the OpenAPI document. */
  readonly description?: string;
}

export const DEFAULT_REQUEST_ERROR_CODES: RequestErrorCodes = {
  malformedBody: 'INV-VAL-001',
  unsupportedMediaType: 'INV-VAL-002',
  bodyTooLarge: 'INV-VAL-003',
  validation: 'INV-VAL-004',
};
