// The servers under test for http-analyze.mjs, in their own process so the load generator does not
// share their event loop: a bare Fastify JSON endpoint, the same handler on the full plugin stack, and
// chat-analysis.
import { buildApp } from '@invekto/chat-analysis';
import { loadConfig } from '@invekto/platform/config';
import { createHttpApp, success } from '@invekto/platform/http';
import { createLogger } from '@invekto/platform/observability';
import Fastify from 'fastify';

const bare = Fastify({ logger: false });
bare.post('/echo', async (request) => ({
  success: true,
  data: { messages: request.body.chat.messages.length },
  error: null,
}));
await bare.listen({ port: 0, host: '127.0.0.1' });

const logger = createLogger({ service: 'bench', level: process.env.INVEKTO_LOG_LEVEL ?? 'info', hashSalt: 'bench' });
const app = await buildApp({ config: loadConfig(), logger });
await app.listen({ port: 0, host: '127.0.0.1' });

// The full plugin stack around the bare endpoint's trivial handler: what the stack itself costs.
const stack = await createHttpApp({ service: 'bench', version: '0', logger });
stack.post('/echo', async (request) => success(request, { messages: request.body.chat.messages.length }));
await stack.listen({ port: 0, host: '127.0.0.1' });

process.send({
  bare: `http://127.0.0.1:${bare.server.address().port}/echo`,
  stack: `http://127.0.0.1:${stack.server.address().port}/echo`,
  analyze: `http://127.0.0.1:${app.server.address().port}/api/v1/chat-analysis/analyze`,
});
process.on('disconnect', () => process.exit(0));
