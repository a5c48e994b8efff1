import { createLogger, LogCapture, type Logger } from '@invekto/platform/observability';

/** A logger that writes into memory, so tests can assert on log lines. */
export function captureLogger(service = 'test'): { logger: Logger; capture: LogCapture } {
  const capture = new LogCapture();
  return { logger: createLogger({ service, hashSalt: 'test-salt', destination: capture, level: 'info' }), capture };
}
