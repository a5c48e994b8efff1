import type { ManagementEndpoint } from './rabbitmq-broker-options.js';

/** The figures of one queue that only the management API knows; null where it did not say. */
export interface ManagementQueueFigures {
  readonly unacked: number | null;
  /** Publish timestamp of the message at the head of the queue, epoch ms. */
  readonly headMessageTimestamp: number | null;
  readonly publishRatePerSec: number | null;
  readonly deliverRatePerSec: number | null;
}

export const UNKNOWN_FIGURES: ManagementQueueFigures = Object.freeze({
  unacked: null,
  headMessageTimestamp: null,
  publishRatePerSec: null,
  deliverRatePerSec: null,
});

interface QueueResponse {
  readonly messages_unacknowledged?: unknown;
  readonly head_message_timestamp?: unknown;
  readonly message_stats?: {
    readonly publish_details?: { readonly rate?: unknown };
    readonly deliver_get_details?: { readonly rate?: unknown };
  };
}

/**
 * GET /api/queues/{vhost}/{queue}. RabbitMQ samples these figures every 5 s by default
 * (`collect_statistics_interval`), so they lag the queue by up to that much. Rejects when the API does
 * not answer in time or answers with an error status.
 */
export async function fetchManagementQueueFigures(
  endpoint: ManagementEndpoint,
  vhost: string,
  queue: string,
): Promise<ManagementQueueFigures> {
  const path = `/api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`;
  const response = await fetch(`${endpoint.baseUrl}${path}`, {
    headers: endpoint.authorization === undefined ? {} : { authorization: endpoint.authorization },
    signal: AbortSignal.timeout(endpoint.timeoutMs),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`The RabbitMQ management API answered GET ${path} with ${response.status}.`);
  }
  return toFigures((await response.json()) as QueueResponse);
}

function toFigures(body: QueueResponse): ManagementQueueFigures {
  const stats = body.message_stats;
  // With message_stats present, a missing rate means nothing happened in the sampled window.
  const rate = (value: unknown) => (stats === undefined ? null : (numberOrNull(value) ?? 0));
  const head = numberOrNull(body.head_message_timestamp);
  return {
    unacked: numberOrNull(body.messages_unacknowledged),
    // RabbitMQ reports the AMQP timestamp property, which counts seconds.
    headMessageTimestamp: head === null ? null : head * 1_000,
    publishRatePerSec: rate(stats?.publish_details?.rate),
    deliverRatePerSec: rate(stats?.deliver_get_details?.rate),
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
