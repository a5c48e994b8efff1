import type { ErrorCategory } from './error-category.js';
import { ErrorCodes, type ErrorCode } from './error-codes.js';

const MARKER = Symbol.for('invekto.error');

export interface InvektoErrorOptions {
  /** Overrides the registry's default message. */
  message?: string;
  /** Ops-only details; never shown to end users in production. */
  details?: string;
  cause?: unknown;
  /** Hint for retrying callers, in milliseconds. */
  retryAfterMs?: number;
}

/** The one error type of Invekto: its behaviour is read from fields, never from the class chain. */
export class InvektoError extends Error {
  readonly [MARKER] = true;
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly httpStatus: number;
  readonly details: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, options: InvektoErrorOptions = {}) {
    const definition = ErrorCodes[code];
    super(options.message ?? definition.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'InvektoError';
    this.code = code;
    this.category = definition.category;
    this.httpStatus = definition.httpStatus;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Type guard that works across package copies: it checks a global symbol, not the prototype. */
export function isInvektoError(value: unknown): value is InvektoError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
}
