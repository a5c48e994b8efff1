import type { InvektoConfig } from '@invekto/platform/config';
import { RabbitMqBroker, SqlBroker, type Broker, type Topology } from '@invekto/platform/messaging';
import type { Logger } from '@invekto/platform/observability';
import {
  KeyNamespace,
  MemoryKeyValueStore,
  migrate,
  PgliteSqlStore,
  PostgresSqlStore,
  RedisKeyValueStore,
  type KeyValueStore,
  type SqlStore,
} from '@invekto/platform/store';

/** The stores one process works with, chosen by config: servers when their URL is set, embedded otherwise. */
export interface Stores {
  readonly sql: SqlStore;
  readonly keyValue: KeyValueStore;
  readonly broker: Broker;
  readonly keys: KeyNamespace;
  readonly topology: Topology;
  /** Which adapter serves each port, for the start-up banner and `/ready`. */
  readonly describe: { readonly sql: string; readonly keyValue: string; readonly broker: string };
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  readonly config: InvektoConfig;
  readonly logger: Logger;
  readonly topology: Topology;
}

/**
 * Opens the SQL store, applies migrations, opens the key-value store and the broker, and declares the
 * topology. One PGlite instance serves the whole process: jobs, outbox and the embedded broker share it.
 */
export async function openStores({ config, logger, topology }: OpenStoresOptions): Promise<Stores> {
  const { stores } = config;
  const sql: SqlStore =
    stores.sqlUrl === undefined
      ? await PgliteSqlStore.open({ dataDir: stores.dataDir })
      : new PostgresSqlStore({ url: stores.sqlUrl, applicationName: 'invekto' });
  const opened: { close(): Promise<void> }[] = [sql];
  try {
    const { applied } = await migrate(sql);
    if (applied.length > 0) logger.info({ applied }, 'database migrations applied');
    const keyValue: KeyValueStore =
      stores.redisUrl === undefined ? new MemoryKeyValueStore() : new RedisKeyValueStore({ url: stores.redisUrl });
    opened.push(keyValue);
    const broker: Broker =
      stores.amqpUrl === undefined
        ? new SqlBroker({ store: sql })
        : await RabbitMqBroker.connect({ url: stores.amqpUrl });
    opened.push(broker);
    await broker.declare(topology);
    return {
      sql,
      keyValue,
      broker,
      keys: new KeyNamespace(stores.keyPrefix),
      topology,
      describe: {
        sql: stores.sqlUrl === undefined ? `PGlite (${stores.dataDir})` : 'PostgreSQL',
        keyValue: stores.redisUrl === undefined ? 'in-memory' : 'Redis',
        broker: stores.amqpUrl === undefined ? 'SQL-backed queue' : 'RabbitMQ',
      },
      // The broker goes first: it may still be settling messages in the SQL store.
      close: () => closeAll([...opened].reverse()),
    };
  } catch (error) {
    await closeAll([...opened].reverse());
    throw error;
  }
}

async function closeAll(resources: readonly { close(): Promise<void> }[]): Promise<void> {
  for (const resource of resources) await resource.close().catch(() => undefined);
}
