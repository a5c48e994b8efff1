import { InvektoError } from '@invekto/contracts';

/** AMQP reply codes RabbitMQ closes a channel with. */
export const ReplyCode = { NotFound: 404, AccessRefused: 403, PreconditionFailed: 406 } as const;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function brokerClosedError(): InvektoError {
  return new InvektoError('INV-SYS-004', { message: 'The RabbitMQ broker connection is closed.' });
}

export function unreachableError(address: string, problem: string, cause?: unknown): InvektoError {
  return new InvektoError('INV-BUS-006', {
    message: 'RabbitMQ could not be reached.',
    details: `${address}: ${problem}${cause === undefined ? '' : ` (${messageOf(cause)})`}`,
    cause,
  });
}

export function notConfirmedError(address: string, problem: string, cause?: unknown): InvektoError {
  return new InvektoError('INV-BUS-001', { details: `${address}: ${problem}`, cause });
}

export function unroutableError(address: string, exchange: string, routingKey: string, problem: string): InvektoError {
  return new InvektoError('INV-BUS-002', {
    details: `${address}: exchange "${exchange}", routing key "${routingKey}": ${problem}`,
  });
}

/** The AMQP reply code of a channel or connection error, when RabbitMQ sent one. */
export function replyCodeOf(error: unknown): number | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
}

/** RabbitMQ refused an operation with a reply code (no such queue, access refused...): retrying will not help. */
export function refusedError(address: string, operation: string, cause: unknown): InvektoError {
  return new InvektoError('INV-NET-005', {
    message: 'RabbitMQ refused the request.',
    details: `${address}, ${operation}: ${messageOf(cause)}`,
    cause,
  });
}
