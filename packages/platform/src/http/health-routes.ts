import { InvektoError, StandardResponseSchema } from '@invekto/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { failure, success } from './envelope.js';
import type { ReadinessCheck } from './http-app-options.js';

const CheckResultSchema = Type.Object({
  name: Type.String(),
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  durationMs: Type.Number(),
  error: Type.Optional(Type.String()),
});

const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('not-ready')]),
  service: Type.String(),
  uptimeSeconds: Type.Number(),
  checks: Type.Array(CheckResultSchema),
});

async function runCheck(check: ReadinessCheck, timeoutMs: number) {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await Promise.race([
      check.check(signal),
      new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error(`timed out after ${timeoutMs} ms`))),
      ),
    ]);
    return { name: check.name, status: 'up' as const, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      name: check.name,
      status: 'down' as const,
      durationMs: Math.round(performance.now() - started),
      error: (error as Error).message,
    };
  }
}

/** `/health` answers for the process itself, `/ready` for its dependencies too (seed 000 §2.5). */
export function registerHealthRoutes(app: FastifyInstance, checks: readonly ReadinessCheck[], timeoutMs: number): void {
  const startedAt = Date.now();
  const uptimeSeconds = () => Math.round((Date.now() - startedAt) / 1000);
  const schema = {
    tags: ['health'],
    response: { 200: StandardResponseSchema(HealthSchema), 503: StandardResponseSchema(HealthSchema) },
  };

  app.get(
    '/health',
    { config: { probe: true }, schema: { ...schema, summary: 'Liveness of this process' } },
    async (request) =>
      success(request, { status: 'ok', service: app.serviceInfo.service, uptimeSeconds: uptimeSeconds(), checks: [] }),
  );

  app.get(
    '/ready',
    { config: { probe: true }, schema: { ...schema, summary: 'Readiness: every dependency is usable' } },
    async (request, reply) => {
      const results = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
      const ready = results.every((result) => result.status === 'up');
      const data = {
        status: ready ? ('ok' as const) : ('not-ready' as const),
        service: app.serviceInfo.service,
        uptimeSeconds: uptimeSeconds(),
        checks: results,
      };
      if (ready) return success(request, data);
      const down = results.filter((result) => result.status === 'down').map((result) => result.name);
      return reply
        .code(503)
        .send(failure(request, new InvektoError('INV-SYS-006', { details: `not ready: ${down.join(', ')}` }), data));
    },
  );
}
