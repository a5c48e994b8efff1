import type { ErrorCategory } from '@invekto/contracts';
import type { DlqReason } from './failure-decision.js';

/** Events of a `JobConsumer`; metrics and logs subscribe to them. */
export interface JobConsumerEvents {
  /** The handler finished and the message was acknowledged. */
  processed: { readonly messageId: string; readonly retryCount: number; readonly durationMs: number };
  /** Already completed (acknowledged again) or claimed by another delivery (parked on the first rung). */
  duplicate: { readonly messageId: string; readonly state: 'completed' | 'in-progress' };
  'retry-scheduled': {
    readonly messageId: string;
    readonly attempt: number;
    readonly rung: string;
    readonly delayMs: number;
    readonly code: string;
    readonly category: ErrorCategory;
  };
  'dead-lettered': {
    readonly messageId: string | undefined;
    readonly reason: DlqReason;
    readonly code: string;
    readonly retryCount: number;
  };
  /** Settling a message failed (broker gone, DLQ full); it stays with the broker and comes back. */
  'settle-failed': { readonly messageId: string | undefined; readonly error: unknown };
}
