import type { AnalysisResult } from '@invekto/contracts';
import { CallbackVerifier } from '@invekto/platform/callback';
import { ConfigError } from '@invekto/platform/config';
import { IdempotencyGuard } from '@invekto/platform/idempotency';
import { JobRepository, JobStatusStore } from '@invekto/platform/jobs';
import type { KeyNamespace, KeyValueStore, SqlStore } from '@invekto/platform/store';
import type { ChatLimits } from '@invekto/contracts';

/** The path consumers POST job outcomes to, under the backend's own origin. */
export const JOB_CALLBACK_PATH = '/api/v1/internal/jobs/callback';

/** What the async job routes share. */
export interface BackendJobs {
  readonly sqlStore: SqlStore;
  readonly jobs: JobRepository;
  readonly statuses: JobStatusStore<AnalysisResult>;
  readonly guard: IdempotencyGuard;
  readonly verifier: CallbackVerifier;
  /** The absolute URL written into each job message. */
  callbackUrl(): string;
  /** Wakes the outbox dispatcher after a commit; never throws. */
  notifyOutbox(): void;
  readonly limits: ChatLimits;
}

export interface BackendJobsOptions {
  readonly sqlStore: SqlStore;
  readonly keyValueStore: KeyValueStore;
  readonly keys?: KeyNamespace | undefined;
  readonly callbackSecret: string;
  readonly callbackMaxAgeMs: number;
  readonly callbackUrl: string | (() => string);
  readonly onOutboxWrite?: (() => void) | undefined;
  readonly limits: ChatLimits;
  /** Told when `onOutboxWrite` throws; the job is committed either way. */
  readonly onNotifyError: (error: unknown) => void;
}

function checkCallbackUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('callbackUrl', `must be an absolute URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError('callbackUrl', `must be an http or https URL, got ${parsed.protocol}`);
  }
  return parsed.toString();
}

export function createBackendJobs(options: BackendJobsOptions): BackendJobs {
  if (options.sqlStore === undefined) throw new ConfigError('sqlStore', 'is required');
  if (options.keyValueStore === undefined) throw new ConfigError('keyValueStore', 'is required');
  const { callbackUrl } = options;
  const fixedUrl = typeof callbackUrl === 'string' ? checkCallbackUrl(callbackUrl) : undefined;
  if (fixedUrl === undefined && typeof callbackUrl !== 'function') {
    throw new ConfigError('callbackUrl', 'must be an absolute URL or a function returning one');
  }
  const store = options.keyValueStore;
  const keys = options.keys;
  return {
    sqlStore: options.sqlStore,
    jobs: new JobRepository(options.sqlStore),
    statuses: new JobStatusStore<AnalysisResult>({ store, keys }),
    guard: new IdempotencyGuard({ store, keys }),
    verifier: new CallbackVerifier({
      secret: options.callbackSecret,
      maxAgeMs: options.callbackMaxAgeMs,
      replayStore: store,
      keys,
    }),
    callbackUrl: () => fixedUrl ?? checkCallbackUrl((callbackUrl as () => string)()),
    notifyOutbox() {
      try {
        options.onOutboxWrite?.();
      } catch (error) {
        options.onNotifyError(error);
      }
    },
    limits: options.limits,
  };
}
