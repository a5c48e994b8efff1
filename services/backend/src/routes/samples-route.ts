import { AnalyzeRequestSchema, StandardResponseSchema } from '@invekto/contracts';
import { success, type HttpApp } from '@invekto/platform/http';
import { Type } from 'typebox';
import { SAMPLE_CHATS } from '../samples/sample-chats.js';

const SampleSchema = Type.Object({ id: Type.String(), title: Type.String(), request: AnalyzeRequestSchema });

/** `GET /api/v1/samples`: example chats the page offers. */
export function registerSamplesRoute(app: HttpApp): void {
  app.get(
    '/api/v1/samples',
    {
      schema: {
        tags: ['chats'],
        summary: 'Sample chats',
        response: { 200: StandardResponseSchema(Type.Array(SampleSchema)) },
      },
    },
    async (request) => success(request, SAMPLE_CHATS),
  );
}
