import pino, { type DestinationStream, type Logger } from 'pino';
import { currentContext } from '../context/index.js';
import { hashIdentifier } from './hash-identifier.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Component name written as `service` on every line. */
  service: string;
  /** @default 'info' */
  level?: string;
  /** Salt for hashing tenantId and chatId. */
  hashSalt: string;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
}

/**
 * Field names that may hold customer text. Nothing in Invekto logs payloads on purpose; this censors
 * them should one ever be passed by mistake (seed 001 §7: payload content is never logged).
 */
const PAYLOAD_PATHS = [
  'body',
  'payload',
  'text',
  'messages',
  'chat',
  'data',
  '*.body',
  '*.payload',
  '*.text',
  '*.messages',
  '*.chat',
];

/**
 * JSON logger whose every line carries the current request context: traceId, spanId, requestId,
 * and tenantId / chatId hashed.
 */
export function createLogger(options: LoggerOptions): Logger {
  const { hashSalt } = options;
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: PAYLOAD_PATHS, censor: '[payload omitted]' },
      mixin() {
        const context = currentContext();
        if (context === undefined) return {};
        return {
          traceId: context.traceId,
          spanId: context.spanId,
          requestId: context.requestId,
          ...(context.tenantId === undefined ? {} : { tenantHash: hashIdentifier(context.tenantId, hashSalt) }),
          ...(context.chatId === undefined ? {} : { chatHash: hashIdentifier(context.chatId, hashSalt) }),
        };
      },
    },
    options.destination,
  );
}
