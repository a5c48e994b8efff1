import {
  AnalysisResultSchema,
  AnalyzeRequestSchema,
  ErrorResponseSchema,
  StandardResponseSchema,
  enforceChatLimits,
  type ChatLimits,
} from '@invekto/contracts';
import { success, type HttpApp } from '@invekto/platform/http';
import { analyzeChat, ANALYZER_VERSION } from '../core/index.js';
import { CHAT_ERROR_CODES } from './chat-error-codes.js';

/** `POST /api/v1/chat-analysis/analyze`: synchronous analysis, a pure computation (seed 000 §7). */
export function registerAnalyzeRoute(app: HttpApp, limits: ChatLimits): void {
  app.post(
    '/api/v1/chat-analysis/analyze',
    {
      bodyLimit: limits.maxBodyBytes,
      config: { errorCodes: CHAT_ERROR_CODES },
      schema: {
        tags: ['chat-analysis'],
        summary: 'Analyse a chat synchronously',
        description:
          `Extracts entities, scores sentiment, classifies intent and summarises a Turkish or English chat. ` +
          `Limits: ${limits.maxMessages} messages, ${limits.maxMessageChars} characters per message, ` +
          `${limits.maxBodyBytes} bytes per body. The same input always gives byte-identical \`data\`.`,
        body: AnalyzeRequestSchema,
        response: {
          200: StandardResponseSchema(AnalysisResultSchema),
          '4xx': ErrorResponseSchema,
          '5xx': ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      enforceChatLimits(request.body, limits);
      const { data, timingsMs } = analyzeChat(request.body);
      return success(request, data, { processing: { analyzerVersion: ANALYZER_VERSION, timingsMs } });
    },
  );
}
