import { setTimeout as sleepFor } from 'node:timers/promises';
import { InvektoError, isInvektoError } from '@invekto/contracts';
import { ConfigError } from '../config/config-error.js';
import { requireSecret, signCallback } from './callback-signature.js';

export interface DeliverCallbackOptions {
  /** Absolute http(s) URL the callback is POSTed to. */
  readonly url: string;
  /** The JSON body, already serialised: it is signed and sent byte for byte. */
  readonly body: string;
  /** The shared HMAC key (`INVEKTO_CALLBACK_SECRET`). */
  readonly secret: string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined;
  /** Tries in all, the first included. @default 4 */
  readonly attempts?: number | undefined;
  /** Wait before the first retry; each further retry waits `backoffFactor` times longer. @default 200 */
  readonly baseDelayMs?: number | undefined;
  /** @default 3 */
  readonly backoffFactor?: number | undefined;
  /** Longest wait between tries, a receiver's Retry-After included. @default 5000 */
  readonly maxDelayMs?: number | undefined;
  /** How long one try may take, reading the answer included. @default 5000 */
  readonly timeoutMs?: number | undefined;
  /** Further request headers, e.g. the job's trace context; the signature headers win over them. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Cancels the delivery: the try in flight and any wait. */
  readonly signal?: AbortSignal | undefined;
  /** Clock in epoch milliseconds, read when each try is signed. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** Waits between tries; tests record the delays instead. @default a timer */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Told before each wait: which try failed, how, and how long the wait is. */
  readonly onRetry?: ((event: CallbackRetryEvent) => void) | undefined;
}

export interface CallbackRetryEvent {
  /** The try that failed, 1 for the first. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: InvektoError;
}

/** A delivered callback. */
export interface CallbackReceipt {
  /** The receiver's 2xx status. */
  readonly status: number;
  /** Tries it took. */
  readonly attempts: number;
}

export const DELIVER_CALLBACK_DEFAULTS = Object.freeze({
  attempts: 4,
  baseDelayMs: 200,
  backoffFactor: 3,
  maxDelayMs: 5_000,
  timeoutMs: 5_000,
});

type Settings = { -readonly [K in keyof typeof DELIVER_CALLBACK_DEFAULTS]: number };

/** Statuses a receiver answers when a later try may succeed; every other 3xx and 4xx is final. */
const RETRYABLE_CLIENT_STATUSES: ReadonlySet<number> = new Set([408, 429]);
/** Enough of a receiver's answer to name its error code in the details. */
const SNIPPET_BYTES = 2_048;

function wholeNumber(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(field, `must be a whole number of at least ${min}, got ${String(value)}`);
  }
  return value;
}

function compileSettings(options: DeliverCallbackOptions): Readonly<Settings> {
  const merged: Settings = { ...DELIVER_CALLBACK_DEFAULTS };
  for (const field of Object.keys(DELIVER_CALLBACK_DEFAULTS) as (keyof Settings)[]) {
    const value = options[field];
    if (value !== undefined) merged[field] = value;
  }
  wholeNumber('attempts', merged.attempts, 1);
  wholeNumber('baseDelayMs', merged.baseDelayMs, 0);
  wholeNumber('backoffFactor', merged.backoffFactor, 1);
  wholeNumber('maxDelayMs', merged.maxDelayMs, 0);
  wholeNumber('timeoutMs', merged.timeoutMs, 1);
  return Object.freeze(merged);
}

function requireUrl(url: unknown): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new ConfigError('url', `must be an absolute URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError('url', `must be an http or https URL, got ${parsed.protocol}`);
  }
  return parsed.toString();
}

/** Retry-After in milliseconds, from seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^[0-9]{1,9}$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function snippet(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8', 0, Math.min(size, SNIPPET_BYTES));
}

/** `HTTP 401 INV-AUTH-002` when the answer is an Invekto envelope, `HTTP 401` otherwise. */
function describeAnswer(status: number, text: string): string {
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: { code?: unknown } } | null)?.error?.code;
  } catch {
    code = undefined;
  }
  return typeof code === 'string' ? `HTTP ${status} ${code}` : `HTTP ${status}`;
}

type Attempt = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly error: InvektoError };

async function attemptOnce(
  options: DeliverCallbackOptions,
  url: string,
  settings: Readonly<Settings>,
  now: () => number,
): Promise<Attempt> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
  const cancel = () => controller.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: {
        ...options.headers,
        'content-type': 'application/json',
        ...signCallback({ secret: options.secret, body: options.body, now: now() }),
      },
      body: options.body,
      // A redirect would re-send the signed result to wherever the receiver points; treat it as a refusal.
      redirect: 'manual',
      signal: controller.signal,
    });
    const answer = describeAnswer(response.status, await snippet(response));
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    if (response.status >= 500 || RETRYABLE_CLIENT_STATUSES.has(response.status)) {
      const hint = retryAfterMs(response.headers.get('retry-after'), now());
      return {
        ok: false,
        error: new InvektoError('INV-NET-004', {
          message: `The callback receiver answered ${answer}.`,
          details: `POST ${url}`,
          ...(hint === undefined ? {} : { retryAfterMs: hint }),
        }),
      };
    }
    throw new InvektoError('INV-NET-005', {
      message: `The callback receiver refused the callback with ${answer}.`,
      details: `POST ${url}`,
    });
  } catch (error) {
    if (isInvektoError(error)) throw error;
    if (isAborted(options.signal)) throw cancelled(options.signal);
    if (timedOut) {
      return {
        ok: false,
        error: new InvektoError('INV-NET-001', {
          message: `The callback receiver did not answer within ${settings.timeoutMs} ms.`,
          details: `POST ${url}`,
          cause: error,
        }),
      };
    }
    const reason = (error as { cause?: { code?: unknown } } | null)?.cause?.code ?? (error as Error | null)?.message;
    return {
      ok: false,
      error: new InvektoError('INV-NET-002', {
        message: `The callback receiver could not be reached (${String(reason)}).`,
        details: `POST ${url}`,
        cause: error,
      }),
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}

function isAborted(signal: AbortSignal | undefined): signal is AbortSignal {
  return signal?.aborted === true;
}

function cancelled(signal: AbortSignal): InvektoError {
  return new InvektoError('INV-SYS-004', { message: 'The callback delivery was cancelled.', cause: signal.reason });
}

/**
 * POSTs a signed callback (see `signCallback`), signing each try afresh so a retry is never refused as
 * a replay. Resolves on a 2xx answer. A 3xx or 4xx other than 408 and 429 is final: it rejects at once
 * with a PERMANENT `INV-NET-005`. Timeouts (`INV-NET-001`), unreachable receivers (`INV-NET-002`) and
 * 408 / 429 / 5xx answers (`INV-NET-004`) are tried again after `baseDelayMs × backoffFactor^(n−1)`
 * (at most `maxDelayMs`, at least a Retry-After), and the last one rejects TRANSIENT so the caller's job
 * climbs its retry ladder. A cancelled delivery rejects with `INV-SYS-004`.
 */
export async function deliverCallback(options: DeliverCallbackOptions): Promise<CallbackReceipt> {
  const url = requireUrl(options.url);
  requireSecret(options.secret);
  if (typeof options.body !== 'string') throw new ConfigError('body', 'must be the serialised JSON string');
  const settings = compileSettings(options);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, { signal }));

  for (let attempt = 1; ; attempt += 1) {
    if (isAborted(options.signal)) throw cancelled(options.signal);
    const outcome = await attemptOnce(options, url, settings, now);
    if (outcome.ok) return { status: outcome.status, attempts: attempt };
    if (attempt >= settings.attempts) {
      throw new InvektoError(outcome.error.code, {
        message: `${outcome.error.message} Gave up after ${attempt} ${attempt === 1 ? 'try' : 'tries'}.`,
        details: outcome.error.details ?? `POST ${url}`,
        cause: outcome.error,
        ...(outcome.error.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.error.retryAfterMs }),
      });
    }
    const backoff = settings.baseDelayMs * settings.backoffFactor ** (attempt - 1);
    const delayMs = Math.min(settings.maxDelayMs, Math.max(backoff, outcome.error.retryAfterMs ?? 0));
    options.onRetry?.({ attempt, delayMs, error: outcome.error });
    try {
      await sleep(delayMs, options.signal);
    } catch (error) {
      if (isAborted(options.signal)) throw cancelled(options.signal);
      throw error;
    }
  }
}
