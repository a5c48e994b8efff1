import { CHAT_ANALYSIS_JOB_SCHEMA_VERSION, Exchanges, RoutingKeys, type ChatMessage } from '@invekto/contracts';
import { newJobId, newMessageId } from '@invekto/platform/jobs';
import type { Broker } from '@invekto/platform/messaging';

/** Publishes a chat-analysis job straight onto the queue, as the service path does; resolves its job id. */
export async function publishChatJob(
  broker: Broker,
  tenantId: string,
  messages: readonly Omit<ChatMessage, 'at' | 'id'>[],
  jobId: string = newJobId(),
): Promise<string> {
  const messageId = newMessageId();
  await broker.publish({
    exchange: Exchanges.Direct,
    routingKey: RoutingKeys.ChatAnalysis,
    messageId,
    body: Buffer.from(
      JSON.stringify({ jobId, tenantId, submittedAt: new Date().toISOString(), request: { chat: { messages } } }),
    ),
    headers: {
      'x-message-id': messageId,
      'x-schema-version': CHAT_ANALYSIS_JOB_SCHEMA_VERSION,
      'x-tenant-id': tenantId,
    },
  });
  return jobId;
}
