import type { AnalysisResult, AnalyzeRequest } from '@invekto/contracts';
import type { RequestContext } from '@invekto/platform/context';
import { BreakerRegistry, createPolicy, type PolicyOverrides } from '@invekto/platform/resilience';
import { ServiceClient, type ServiceOutcome } from './service-client.js';

export interface ChatAnalysisClientOptions {
  /** Base URL of the service or of the gateway in front of it, without a trailing slash. */
  readonly baseUrl: string;
  /** Overrides of the SyncMicroservice numbers (overall budget, retries). */
  readonly syncPolicy?: { readonly overallTimeoutMs: number; readonly retries: number };
  /** The process's breaker registry, so ops see this breaker. @default a private registry */
  readonly registry?: BreakerRegistry;
  /** Deeper policy overrides, e.g. for tests. Applied after `syncPolicy`. */
  readonly policyOverrides?: PolicyOverrides;
}

/** The backend's SDK for chat analysis: calls under the SyncMicroservice policy, never throws. */
export class ChatAnalysisClient {
  private readonly client: ServiceClient;

  constructor(options: ChatAnalysisClientOptions) {
    const { syncPolicy, policyOverrides = {} } = options;
    const overrides: PolicyOverrides =
      syncPolicy === undefined
        ? policyOverrides
        : {
            ...policyOverrides,
            timeoutMs: policyOverrides.timeoutMs ?? syncPolicy.overallTimeoutMs,
            retry: { retries: syncPolicy.retries, ...policyOverrides.retry },
          };
    const policy = createPolicy('SyncMicroservice', 'chat-analysis', overrides, {
      registry: options.registry ?? new BreakerRegistry(),
    });
    this.client = new ServiceClient('chat-analysis', options.baseUrl, policy);
  }

  /** Resolves when the service is up; for the backend's `/ready`. */
  probe(signal: AbortSignal): Promise<void> {
    return this.client.probe(signal);
  }

  /**
   * Analyses a chat synchronously. Always resolves to a StandardResponse: the analysis, the
   * service's own rejection of a bad request (4xx), or a degraded answer when the service is
   * unreachable, slow, failing or behind an open breaker.
   */
  analyze(request: AnalyzeRequest, context?: RequestContext): Promise<ServiceOutcome<AnalysisResult>> {
    return this.client.post<AnalysisResult>('/api/v1/chat-analysis/analyze', request, context);
  }
}
