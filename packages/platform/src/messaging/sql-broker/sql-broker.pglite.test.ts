import { afterAll } from 'vitest';
import { migrate } from '../../store/sql/migrations.js';
import { PGLITE_MEMORY, PgliteSqlStore } from '../../store/sql/pglite-sql-store.js';
import { buildContractTopology, describeBrokerContract } from '../broker/__fixtures__/broker-contract.js';
import { describeSqlBrokerBehaviour, resetBrokerTables } from './__fixtures__/sql-broker-behaviour.js';
import { SqlBroker } from './sql-broker.js';

// One in-memory PGlite, migrated once, for the whole file: each instance costs ~600 MB and ~2 s. The
// suites below run one after another and empty the broker tables before they start.
let shared: Promise<PgliteSqlStore> | undefined;
function sharedStore(): Promise<PgliteSqlStore> {
  shared ??= PgliteSqlStore.open({ dataDir: PGLITE_MEMORY }).then(async (store) => {
    await migrate(store);
    return store;
  });
  return shared;
}

afterAll(async () => {
  await (await shared)?.close();
});

describeBrokerContract('SqlBroker on PGlite (memory://)', async () => {
  const store = await sharedStore();
  await resetBrokerTables(store);
  const topology = buildContractTopology();
  const opened: SqlBroker[] = [];
  const open = () => {
    const broker = new SqlBroker({ store });
    opened.push(broker);
    return broker;
  };
  return {
    broker: open(),
    topology,
    reportsMessageAge: true,
    // PGlite is one database per process, so the second "process" is a second broker on the same store.
    reopen: async () => {
      const broker = open();
      await broker.declare(topology);
      return broker;
    },
    close: async () => {
      await Promise.all(opened.map((broker) => broker.close()));
      await resetBrokerTables(store);
    },
  };
});

describeSqlBrokerBehaviour('PGlite (memory://)', { store: sharedStore, peerStore: sharedStore });
