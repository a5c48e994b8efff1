export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export { hashIdentifier } from './hash-identifier.js';
export { LogCapture } from './log-capture.js';
