/** Exchange and queue names of the RabbitMQ topology (seed 000 §1.3). */
export const Exchanges = {
  Direct: 'invekto.direct',
  Fanout: 'invekto.fanout',
  DeadLetter: 'invekto.dlx',
  Retry: 'invekto.retry',
} as const;

export const Queues = {
  ChatAnalysisJobs: 'invekto.jobs.chat-analysis',
  DeadLetter: 'invekto.dlq',
} as const;

export const RoutingKeys = {
  ChatAnalysis: 'chat-analysis',
} as const;

/** Retry ladder rungs: queue name and delay (seed 000 §1.3 retry delay table). */
export const RetryLadder = [
  { queue: 'invekto.retry.2s', delayMs: 2_000 },
  { queue: 'invekto.retry.10s', delayMs: 10_000 },
  { queue: 'invekto.retry.30s', delayMs: 30_000 },
  { queue: 'invekto.retry.2m', delayMs: 120_000 },
  { queue: 'invekto.retry.10m', delayMs: 600_000 },
] as const;
