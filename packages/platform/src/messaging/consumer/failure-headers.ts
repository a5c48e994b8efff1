import {
  DEFAULT_MAX_RETRIES,
  isInvektoError,
  LAST_ERROR_MAX_LENGTH,
  MessageHeaderNames as H,
} from '@invekto/contracts';
import type { ErrorCategory } from '@invekto/contracts';
import type { HeaderValue, MessageHeaders } from '../broker/broker.js';
import type { DlqReason } from './failure-decision.js';

/** One failed attempt, as kept in `x-retry-history` (a JSON array). */
export interface RetryHistoryEntry {
  /** The `x-retry-count` the failed delivery carried. */
  readonly attempt: number;
  /** ISO time of the failure. */
  readonly at: string;
  readonly code: string;
  readonly category: ErrorCategory;
  readonly error: string;
  /** The rung the message was parked on next, or null when it went to the DLQ. */
  readonly rung: string | null;
}

/** History is bounded so a message that keeps failing cannot grow its headers without end. */
const MAX_HISTORY_ENTRIES = 20;

export interface FailureInfo {
  readonly code: string;
  readonly category: ErrorCategory;
  /** Message of the error, at most 500 characters (seed 000 §3.2). */
  readonly message: string;
}

export function describeFailure(error: unknown, category: ErrorCategory): FailureInfo {
  const code = isInvektoError(error) ? error.code : 'INV-SYS-003';
  const raw = error instanceof Error ? error.message : String(error);
  return { code, category, message: Array.from(raw).slice(0, LAST_ERROR_MAX_LENGTH).join('') };
}

export function headerText(headers: MessageHeaders, name: string): string | undefined {
  const value = headers[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A non-negative integer header (`x-retry-count`, `x-max-retries`), or `fallback` when absent or bad. */
export function headerCount(headers: MessageHeaders, name: string, fallback: number): number {
  const value = Number(headerText(headers, name));
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

export function retryHistory(headers: MessageHeaders): RetryHistoryEntry[] {
  const raw = headerText(headers, H.RetryHistory);
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as RetryHistoryEntry[]) : [];
  } catch {
    return [];
  }
}

/** The headers a message carries on from a delivery: everything but RabbitMQ's own `x-death`. */
function carried(headers: MessageHeaders): Record<string, HeaderValue> {
  const copy: Record<string, HeaderValue> = { ...headers };
  delete copy[H.Death];
  return copy;
}

interface FailureContext {
  readonly headers: MessageHeaders;
  readonly failure: FailureInfo;
  readonly now: number;
  readonly originalQueue: string;
  readonly originalRoutingKey: string;
}

function withFailure(context: FailureContext, rung: string | null): Record<string, HeaderValue> {
  const { headers, failure, now } = context;
  const attempt = headerCount(headers, H.RetryCount, 0);
  const history = [
    ...retryHistory(headers),
    {
      attempt,
      at: new Date(now).toISOString(),
      code: failure.code,
      category: failure.category,
      error: failure.message,
      rung,
    },
  ].slice(-MAX_HISTORY_ENTRIES);
  return {
    ...carried(headers),
    [H.MaxRetries]: headerText(headers, H.MaxRetries) ?? String(DEFAULT_MAX_RETRIES),
    [H.FirstFailureAt]: headerText(headers, H.FirstFailureAt) ?? new Date(now).toISOString(),
    [H.LastError]: failure.message,
    [H.ErrorCategory]: failure.category,
    [H.OriginalQueue]: context.originalQueue,
    [H.OriginalRoutingKey]: context.originalRoutingKey,
    [H.RetryHistory]: JSON.stringify(history),
  };
}

/** Headers of the copy parked on a retry rung (seed 000 §3.2, §3.4). */
export function retryHeaders(
  context: FailureContext & { readonly rung: string; readonly attempt: number },
): Record<string, HeaderValue> {
  return { ...withFailure(context, context.rung), [H.RetryCount]: String(context.attempt) };
}

/** Headers of the copy sent to the DLQ (seed 000 §3.6). */
export function deadLetterHeaders(
  context: FailureContext & { readonly reason: DlqReason; readonly consumerId: string },
): Record<string, HeaderValue> {
  return {
    ...withFailure(context, null),
    [H.DlqReason]: context.reason,
    [H.DlqEnteredAt]: new Date(context.now).toISOString(),
    [H.LastConsumer]: context.consumerId,
  };
}
