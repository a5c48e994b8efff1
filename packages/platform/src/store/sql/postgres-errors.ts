import { InvektoError } from '@invekto/contracts';
import { sqlStateOf } from './sql-store.js';

/** Socket-level failures: the server is down, unknown or went away. */
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

/**
 * SQLSTATEs that say the server cannot serve us right now, rather than that the statement is wrong:
 * class 08 (connection exception), admin / crash shutdown, cannot connect now, too many connections.
 */
function isUnavailableSqlState(state: string): boolean {
  return state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03' || state === '53300';
}

const TIMEOUT_MESSAGES = [
  'timeout exceeded when trying to connect', // pg-pool: connectionTimeoutMillis while waiting for a client
  'Connection terminated due to connection timeout', // pg: connectionTimeoutMillis on the socket
  'Query read timeout', // pg: query_timeout
];

/**
 * Maps a `pg` failure to the error the port promises: INV-NET-001 for timeouts (including
 * `statement_timeout`, SQLSTATE 57014), INV-NET-002 for an unreachable or lost server, and anything
 * else (constraint violations, syntax errors, ...) unchanged so its SQLSTATE `code` stays readable.
 */
export function toPostgresStoreError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const state = sqlStateOf(error);
  const details = state === undefined ? error.message : `SQLSTATE ${state}: ${error.message}`;
  if (state === '57014' || TIMEOUT_MESSAGES.some((text) => error.message.includes(text))) {
    return new InvektoError('INV-NET-001', { details, cause: error });
  }
  const socketCode = (error as { code?: unknown }).code;
  if (
    (typeof socketCode === 'string' && UNREACHABLE_SOCKET_CODES.has(socketCode)) ||
    (state !== undefined && isUnavailableSqlState(state)) ||
    error.message.includes('Connection terminated') ||
    error.message.includes('Client has encountered a connection error')
  ) {
    return new InvektoError('INV-NET-002', { details, cause: error });
  }
  return error;
}
