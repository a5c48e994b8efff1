import type { ChatAnalysisClient } from '@invekto/client';
import {
  AnalysisResultSchema,
  AnalyzeRequestSchema,
  ErrorResponseSchema,
  StandardResponseSchema,
} from '@invekto/contracts';
import { currentContext } from '@invekto/platform/context';
import type { HttpApp } from '@invekto/platform/http';

/**
 * `POST /api/v1/chats/analyze`: the page's analysis request. The browser never calls the service;
 * the backend does, through the client SDK and its SyncMicroservice policy. A degraded answer (open
 * breaker, timeout, service down) is still a 200 so the page can show its banner; a request the
 * service rejects keeps the service's status and error code.
 */
export function registerAnalyzeChatRoute(app: HttpApp, client: ChatAnalysisClient, maxBodyBytes: number): void {
  app.post(
    '/api/v1/chats/analyze',
    {
      bodyLimit: maxBodyBytes,
      schema: {
        tags: ['chats'],
        summary: 'Analyse a chat through the chat-analysis service',
        body: AnalyzeRequestSchema,
        response: {
          200: StandardResponseSchema(AnalysisResultSchema),
          '4xx': ErrorResponseSchema,
          '5xx': ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const outcome = await client.analyze(request.body, currentContext());
      return reply.code(outcome.status).send(outcome.response);
    },
  );
}
