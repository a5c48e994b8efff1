import { InvektoError, isInvektoError, type StandardResponse } from '@invekto/contracts';
import { contextToHeaders, currentContext, contextFromHeaders, type RequestContext } from '@invekto/platform/context';
import type { ResiliencePolicy } from '@invekto/platform/resilience';
import { degradedResponse } from './degraded-response.js';

/** What a call to a service ends in: always an envelope, never an exception. */
export interface ServiceOutcome<T> {
  /** The status the caller should answer with: the service's own, or 200 for a degraded answer. */
  readonly status: number;
  readonly response: StandardResponse<T>;
}

function isEnvelope(value: unknown): value is StandardResponse<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['success'] === 'boolean' &&
    typeof candidate['meta'] === 'object' &&
    candidate['meta'] !== null &&
    'data' in candidate &&
    'error' in candidate
  );
}

function parseEnvelope(text: string): StandardResponse<unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isEnvelope(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls one Invekto service over HTTP under a resilience policy, carrying the request context.
 * Failures of the dependency (unreachable, timeout, transient status, open breaker, full bulkhead)
 * come back as a degraded envelope; a request the service rejects comes back as the service's own
 * envelope and status, and does not count against the service's breaker.
 */
export class ServiceClient {
  constructor(
    private readonly service: string,
    private readonly baseUrl: string,
    private readonly policy: ResiliencePolicy,
  ) {}

  async post<T>(
    path: string,
    body: unknown,
    context: RequestContext | undefined = currentContext(),
  ): Promise<ServiceOutcome<T>> {
    const started = performance.now();
    const callContext = context ?? contextFromHeaders({});
    const headers = { 'content-type': 'application/json', ...contextToHeaders(callContext) };
    const payload = JSON.stringify(body);
    try {
      const outcome = await this.policy.execute((signal) => this.attempt(path, headers, payload, signal));
      return outcome as ServiceOutcome<T>;
    } catch (error) {
      const failure = isInvektoError(error) ? error : new InvektoError('INV-SYS-003', { cause: error });
      return {
        status: 200,
        response: degradedResponse(this.service, failure, callContext, performance.now() - started),
      };
    }
  }

  /** Readiness probe: resolves when the service answers `/health` with 200, throws otherwise. */
  async probe(signal: AbortSignal): Promise<void> {
    const response = await fetch(`${this.baseUrl}/health`, { signal });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`${this.service} /health answered ${response.status}`);
  }

  private async attempt(
    path: string,
    headers: Record<string, string>,
    payload: string,
    signal: AbortSignal,
  ): Promise<ServiceOutcome<unknown>> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { method: 'POST', headers, body: payload, signal });
      text = await response.text();
    } catch (error) {
      // An aborted fetch is the policy's own timeout; it reports that itself.
      if (signal.aborted) throw error;
      const cause = (error as { cause?: { code?: string } }).cause;
      throw new InvektoError('INV-NET-002', {
        details: `${this.service}: ${cause?.code ?? (error as Error).message}`,
        cause: error,
      });
    }
    const envelope = parseEnvelope(text);
    if (response.ok) {
      if (envelope === undefined)
        throw new InvektoError('INV-NET-003', {
          details: `${this.service} answered ${response.status} without an envelope`,
        });
      return { status: response.status, response: envelope };
    }
    const category = this.policy.classifyStatus(response.status);
    const detail = `${this.service} answered ${response.status}${envelope?.error ? ` ${envelope.error.code}` : ''}`;
    if (category === 'TRANSIENT') throw new InvektoError('INV-NET-004', { details: detail });
    if (category === 'UNKNOWN') throw new InvektoError('INV-NET-003', { details: detail });
    if (envelope === undefined) throw new InvektoError('INV-NET-005', { details: detail });
    return { status: response.status, response: envelope };
  }
}
