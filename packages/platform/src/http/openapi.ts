import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * OpenAPI 3.1 generated from the route schemas, served at `/openapi.json` with a docs page at `/docs`
 * (seed 001 §18: OpenAPI mandatory). Only tagged routes are documented.
 */
export async function registerOpenApi(
  app: FastifyInstance,
  info: { title: string; version: string; description?: string },
): Promise<void> {
  await app.register(swagger, {
    // Routes without tags (static pages, the document itself) are not part of the API.
    hideUntagged: true,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: info.title,
        version: info.version,
        ...(info.description === undefined ? {} : { description: info.description }),
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { config: { probe: true } }, async () => app.swagger());
}
