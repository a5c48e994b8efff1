import { ErrorCategory } from './error-category.js';

export interface ErrorCodeDefinition {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly httpStatus: number;
  /** User-facing default message. */
  readonly message: string;
}

const T = ErrorCategory.Transient;
const P = ErrorCategory.Permanent;
const U = ErrorCategory.Unknown;

/**
 * Every error code Invekto answers with, in SVC-CAT-NNN form (seed 000 §0.2, App. D).
 * Codes are never reused once retired; docs/reference/errors.md has one row per code.
 */
export const ErrorCodes = {
  // Invekto core: request handling shared by every service
  'INV-VAL-001': { category: P, httpStatus: 400, message: 'The request body is not valid JSON.' },
  'INV-VAL-002': {
    category: P,
    httpStatus: 415,
    message: 'The request content type is not supported; send application/json.',
  },
  'INV-VAL-003': { category: P, httpStatus: 413, message: 'The request body is larger than this endpoint accepts.' },
  'INV-VAL-004': { category: P, httpStatus: 400, message: 'The request does not match the endpoint schema.' },
  'INV-VAL-005': { category: P, httpStatus: 400, message: 'A request header has an invalid value.' },
  'INV-VAL-006': { category: P, httpStatus: 404, message: 'No such endpoint.' },
  'INV-SYS-001': { category: T, httpStatus: 503, message: 'The circuit breaker for a dependency is open.' },
  'INV-SYS-002': {
    category: T,
    httpStatus: 503,
    message: 'The service is at its in-flight request limit; retry shortly.',
  },
  'INV-SYS-003': { category: U, httpStatus: 500, message: 'An unexpected error occurred.' },
  'INV-SYS-004': { category: T, httpStatus: 503, message: 'The service is shutting down.' },
  'INV-SYS-005': {
    category: T,
    httpStatus: 503,
    message: 'The dependency has too many calls in flight; retry shortly.',
  },
  'INV-SYS-006': { category: T, httpStatus: 503, message: 'A dependency of this service is not ready.' },
  'INV-SYS-007': {
    category: T,
    httpStatus: 409,
    message: 'A request with this X-Idempotency-Key is still being processed; retry shortly.',
  },
  'INV-DATA-001': { category: T, httpStatus: 503, message: 'The embedded key-value store is full.' },
  'INV-NET-001': { category: T, httpStatus: 504, message: 'A dependency did not answer in time.' },
  'INV-NET-002': { category: T, httpStatus: 502, message: 'A dependency could not be reached.' },
  'INV-NET-003': {
    category: U,
    httpStatus: 502,
    message: 'A dependency answered with something that is not a valid response.',
  },
  'INV-NET-004': { category: T, httpStatus: 503, message: 'A dependency answered with a transient failure.' },
  'INV-NET-005': { category: P, httpStatus: 502, message: 'A dependency rejected the request.' },
  'INV-VAL-007': {
    category: P,
    httpStatus: 400,
    message: 'The X-Idempotency-Key header is invalid; use 1 to 128 letters, digits, "-" or "_".',
  },
  'INV-VAL-008': {
    category: P,
    httpStatus: 422,
    message: 'The X-Idempotency-Key was already used for a different request.',
  },
  'INV-AUTH-001': { category: P, httpStatus: 401, message: 'The request signature is missing or does not match.' },
  'INV-AUTH-002': {
    category: P,
    httpStatus: 401,
    message: 'The signed request is too old, from the future, or was already used.',
  },
  'INV-DATA-002': { category: P, httpStatus: 404, message: 'No such job.' },
  'INV-BUS-001': { category: T, httpStatus: 503, message: 'The message broker did not confirm the message.' },
  'INV-BUS-002': { category: P, httpStatus: 500, message: 'No queue is bound for the message routing key.' },
  'INV-BUS-003': { category: P, httpStatus: 400, message: 'The message could not be read (poison message).' },
  'INV-BUS-004': { category: P, httpStatus: 400, message: 'The message schema version is not supported.' },
  'INV-BUS-005': { category: P, httpStatus: 400, message: 'The message does not match its schema.' },
  'INV-BUS-006': { category: T, httpStatus: 503, message: 'The message broker is unreachable.' },
  // Chat analysis
  'CHA-VAL-001': { category: P, httpStatus: 400, message: 'Invalid chat format.' },
  'CHA-VAL-002': { category: P, httpStatus: 400, message: 'The chat has no messages.' },
  'CHA-VAL-003': { category: P, httpStatus: 413, message: 'The chat has more messages than allowed.' },
  'CHA-VAL-004': { category: P, httpStatus: 413, message: 'A message text is longer than allowed.' },
  'CHA-VAL-005': { category: P, httpStatus: 413, message: 'The request body is larger than allowed.' },
  'CHA-VAL-006': { category: P, httpStatus: 400, message: 'The request body is not valid JSON.' },
  'CHA-VAL-007': {
    category: P,
    httpStatus: 415,
    message: 'The request content type is not supported; send application/json.',
  },
  'CHA-VAL-008': { category: P, httpStatus: 400, message: 'A message text contains characters that are not allowed.' },
  'CHA-VAL-009': { category: P, httpStatus: 400, message: 'A message text is empty.' },
} as const satisfies Record<string, Omit<ErrorCodeDefinition, 'code'>>;

export type ErrorCode = keyof typeof ErrorCodes;

export const ERROR_CODE_PATTERN = /^(INV|CHA|MSG|ADM|GW)-(VAL|AUTH|NET|DATA|BUS|SYS|EXT)-\d{3}$/;

export function errorDefinition(code: ErrorCode): ErrorCodeDefinition {
  return { code, ...ErrorCodes[code] };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCodes, value);
}
