import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import './fastify-augment.js';
import { newRequestId } from '../context/index.js';
import { installAdmissionControl } from './admission-control.js';
import { installContextHook } from './context-hook.js';
import { installErrorEnvelope } from './error-envelope.js';
import { registerHealthRoutes } from './health-routes.js';
import type { HttpAppOptions } from './http-app-options.js';
import { installJsonBodyParser } from './json-body-parser.js';
import { registerOpenApi } from './openapi.js';
import { installRequestLog } from './request-log.js';

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * A Fastify instance with Invekto's plugin stack in the order of seed 000 §2.7 — timing, context,
 * error envelope — plus admission control, strict JSON parsing, health/ready and OpenAPI.
 * It does not listen: tests inject requests, `server.ts` files call `listen`.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // Fastify's own request lines come before the context exists; request-log.ts writes one line with it.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    return503OnClosing: false,
    // The request id a request gets when it sends no X-Request-Id, even if its headers are rejected.
    genReqId: () => newRequestId(),
    forceCloseConnections: 'idle',
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Request log lines get their ids from the request context (logger mixin), not from Fastify's reqId.
  app.setChildLoggerFactory((logger, _bindings, childOptions) =>
    childOptions.level === undefined ? logger : logger.child({}, childOptions),
  );

  app.decorate('serviceInfo', {
    service: options.service,
    version: options.version,
    exposeErrorDetails: options.exposeErrorDetails ?? false,
  });
  installContextHook(app);
  installErrorEnvelope(app);
  app.decorate('admission', installAdmissionControl(app, options.maxInFlight ?? 256));
  installRequestLog(app);
  installJsonBodyParser(app);
  await registerOpenApi(app, {
    title: `Invekto ${options.service}`,
    version: options.version,
    ...(options.description === undefined ? {} : { description: options.description }),
  });
  registerHealthRoutes(app, options.readinessChecks ?? [], options.readinessTimeoutMs ?? 1000);
  return app;
}
