/** How a failure should be treated by retry logic (seed 000 App. D.1, D.2). */
export const ErrorCategory = {
  /** Retry: sync at most once, async up the ladder. */
  Transient: 'TRANSIENT',
  /** Never retry: fail at once, async goes straight to the DLQ. */
  Permanent: 'PERMANENT',
  /** Retry once, then treat as permanent. */
  Unknown: 'UNKNOWN',
} as const;

export type ErrorCategory = (typeof ErrorCategory)[keyof typeof ErrorCategory];
