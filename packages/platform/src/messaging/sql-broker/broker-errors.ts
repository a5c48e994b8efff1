import { InvektoError, isInvektoError } from '@invekto/contracts';
import { sqlStateOf } from '../../store/sql/sql-store.js';

/** The broker was closed: every call after `close()` rejects with this. */
export function brokerClosedError(): InvektoError {
  return new InvektoError('INV-SYS-004', { message: 'The SQL broker is closed.' });
}

/** A queue that was not declared on this broker instance (RabbitMQ answers 404 NOT_FOUND). */
export function unknownQueueError(queue: string): InvektoError {
  return new InvektoError('INV-BUS-002', {
    message: `No queue "${queue}" is declared on this broker.`,
    details: 'Declare the topology (broker.declare) before consuming, purging or reading stats.',
  });
}

/**
 * A store failure seen through the broker port: the database being unreachable or timing out (the
 * store's INV-NET-002 / INV-NET-001), or the store having been closed under the broker, becomes
 * INV-BUS-006; a missing `broker_messages` table is INV-SYS-006 naming the migration to run. Anything else is returned
 * unchanged, or wrapped in `fallback` when one is given.
 */
export function toBrokerError(error: unknown, fallback?: 'INV-BUS-001'): unknown {
  if (isInvektoError(error) && (error.code === 'INV-NET-001' || error.code === 'INV-NET-002')) {
    return new InvektoError('INV-BUS-006', { details: error.details ?? error.message, cause: error });
  }
  if (error instanceof Error && error.message === 'The SQL store is closed.') {
    return new InvektoError('INV-BUS-006', { details: error.message, cause: error });
  }
  if (sqlStateOf(error) === '42P01') {
    return new InvektoError('INV-SYS-006', {
      message: 'The SQL broker tables do not exist; run the store migrations (0003_broker.sql) first.',
      details: (error as Error).message,
      cause: error,
    });
  }
  if (isInvektoError(error) || fallback === undefined) return error;
  return new InvektoError(fallback, {
    details: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}
