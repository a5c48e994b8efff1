import { hostname } from 'node:os';

export interface RabbitMqBrokerOptions {
  /**
   * `amqp://user:password@host:port/vhost` or `amqps://...`; the vhost is the environment. A
   * `heartbeat` query parameter in the URL wins over `heartbeatSeconds`.
   */
  readonly url: string;
  /** A publish the broker has not confirmed this long after the call rejects with `INV-BUS-001`. @default 5_000 */
  readonly confirmTimeoutMs?: number | undefined;
  /** Opening a connection (TCP and AMQP handshake) taking longer fails with `INV-BUS-006`. @default 2_000 */
  readonly connectTimeoutMs?: number | undefined;
  /** Pause before the first reconnect attempt after the connection is lost; doubles per failure. @default 100 */
  readonly reconnectDelayMs?: number | undefined;
  /** Longest pause between reconnect attempts. @default 5_000 */
  readonly maxReconnectDelayMs?: number | undefined;
  /** AMQP heartbeat; a silent connection counts as lost after about two of these. @default 10 */
  readonly heartbeatSeconds?: number | undefined;
  /**
   * RabbitMQ management API with credentials, e.g. `http://guest:guest@127.0.0.1:15672`. `stats()` reads
   * unacknowledged counts, the oldest message age and rates from it; without it (or when it does not
   * answer) those figures are null. @default undefined
   */
  readonly managementUrl?: string | undefined;
  /** A management API request taking longer counts as unanswered. @default 2_000 */
  readonly managementTimeoutMs?: number | undefined;
  /** Shown in RabbitMQ's connection list. @default `invekto:<hostname>:<pid>` */
  readonly connectionName?: string | undefined;
}

export const RABBITMQ_BROKER_DEFAULTS = Object.freeze({
  confirmTimeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  reconnectDelayMs: 100,
  maxReconnectDelayMs: 5_000,
  heartbeatSeconds: 10,
  managementTimeoutMs: 2_000,
});

/** Where the management API is and how to authenticate; credentials never travel in the URL. */
export interface ManagementEndpoint {
  /** Base URL without credentials or trailing slash, e.g. `http://127.0.0.1:15672`. */
  readonly baseUrl: string;
  /** `Basic ...`, or undefined when the URL carries no user. */
  readonly authorization: string | undefined;
  readonly timeoutMs: number;
}

export interface ResolvedRabbitMqBrokerOptions {
  /** The URL handed to amqplib, heartbeat included. */
  readonly url: string;
  /** `host:port vhost`, for error details; never the password. */
  readonly address: string;
  readonly vhost: string;
  readonly confirmTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly reconnectDelayMs: number;
  readonly maxReconnectDelayMs: number;
  readonly connectionName: string;
  readonly management: ManagementEndpoint | undefined;
}

/** Merges the defaults, checks every field and freezes the result; a bad field throws a RangeError naming it. */
export function resolveRabbitMqBrokerOptions(options: RabbitMqBrokerOptions): ResolvedRabbitMqBrokerOptions {
  const pick = <K extends keyof typeof RABBITMQ_BROKER_DEFAULTS>(field: K): number => {
    const value = options[field] ?? RABBITMQ_BROKER_DEFAULTS[field];
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`${field} must be a whole number above 0, got ${String(value)}.`);
    }
    return value;
  };
  const confirmTimeoutMs = pick('confirmTimeoutMs');
  const connectTimeoutMs = pick('connectTimeoutMs');
  const reconnectDelayMs = pick('reconnectDelayMs');
  const maxReconnectDelayMs = pick('maxReconnectDelayMs');
  const heartbeatSeconds = pick('heartbeatSeconds');
  const managementTimeoutMs = pick('managementTimeoutMs');
  if (maxReconnectDelayMs < reconnectDelayMs) {
    throw new RangeError(`maxReconnectDelayMs (${maxReconnectDelayMs}) must not be below reconnectDelayMs.`);
  }

  const amqp = parseUrl(options.url, ['amqp:', 'amqps:'], 'url');
  if (!amqp.searchParams.has('heartbeat')) amqp.searchParams.set('heartbeat', String(heartbeatSeconds));
  const vhost = decodeURIComponent(amqp.pathname.slice(1)) || '/';
  const port = amqp.port || (amqp.protocol === 'amqps:' ? '5671' : '5672');

  return Object.freeze({
    url: amqp.toString(),
    address: `${amqp.hostname}:${port} vhost ${vhost}`,
    vhost,
    confirmTimeoutMs,
    connectTimeoutMs,
    reconnectDelayMs,
    maxReconnectDelayMs,
    connectionName: options.connectionName ?? `invekto:${hostname()}:${process.pid}`,
    management:
      options.managementUrl === undefined ? undefined : managementEndpoint(options.managementUrl, managementTimeoutMs),
  });
}

function managementEndpoint(url: string, timeoutMs: number): ManagementEndpoint {
  const parsed = parseUrl(url, ['http:', 'https:'], 'managementUrl');
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return Object.freeze({
    baseUrl: parsed.toString().replace(/\/+$/, ''),
    authorization: user === '' ? undefined : `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    timeoutMs,
  });
}

function parseUrl(url: string, protocols: readonly string[], field: string): URL {
  try {
    const parsed = new URL(url);
    if (!protocols.includes(parsed.protocol)) throw new Error(parsed.protocol);
    return parsed;
  } catch {
    // The URL may hold a password, so it is not repeated in the message.
    throw new RangeError(`${field} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL.`);
  }
}
