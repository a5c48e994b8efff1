import type { AnalysisResult } from '@invekto/contracts';
import { ChatAnalysisClient } from '@invekto/client';
import { loadConfig, type InvektoConfig } from '@invekto/platform/config';
import type { HttpApp } from '@invekto/platform/http';
import { createLogger, LogCapture } from '@invekto/platform/observability';
import {
  MemoryKeyValueStore,
  migrate,
  PGLITE_MEMORY,
  PgliteSqlStore,
  type SqlExecutor,
  type SqlResult,
  type SqlStore,
} from '@invekto/platform/store';
import { afterAll, beforeEach } from 'vitest';
import { buildApp, type BackendAppOptions } from '../build-app.js';

export const CALLBACK_SECRET = 'backend-test-secret-of-32-chars!';
export const CALLBACK_URL = 'http://backend.test:8080/api/v1/internal/jobs/callback';
export const MAX_MESSAGES = 20;

export const config: InvektoConfig = loadConfig({
  INVEKTO_CALLBACK_SECRET: CALLBACK_SECRET,
  INVEKTO_CHAT_MAX_MESSAGES: String(MAX_MESSAGES),
  INVEKTO_CHAT_MAX_MESSAGE_CHARS: '200',
});

/** A result that matches AnalysisResultSchema, as a consumer would report it. */
export const ANALYSIS_RESULT: AnalysisResult = {
  language: 'tr',
  messages: [{ index: 0, role: 'customer', language: 'tr', normalizedText: 'siparişim nerede?' }],
  entities: [],
  sentiment: {
    overall: { label: 'neutral', score: 0, confidence: 0.5 },
    messages: [{ messageIndex: 0, label: 'neutral', score: 0, confidence: 0.5 }],
  },
  intent: { label: 'order_status', confidence: 0.9, alternatives: [] },
  summary: { text: 'The customer asks where the order is.', keyPoints: [] },
};

export const CHAT = { chat: { messages: [{ role: 'customer', text: 'Siparişim nerede?' }] } };

/** A store whose transactions fail on the outbox insert, to show that the job rolls back with it. */
export function failingOutbox(store: SqlStore): SqlStore {
  return {
    query: (sql, params) => store.query(sql, params),
    ping: () => store.ping(),
    close: () => store.close(),
    transaction: (fn) =>
      store.transaction((tx) =>
        fn({
          query<Row>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> {
            if (sql.includes('INSERT INTO outbox')) return Promise.reject(new Error('outbox is unavailable'));
            return tx.query<Row>(sql, params);
          },
        } satisfies SqlExecutor),
      ),
  };
}

export interface BackendUnderTest {
  readonly app: HttpApp;
  readonly sqlStore: SqlStore;
  readonly keyValueStore: MemoryKeyValueStore;
  readonly logs: LogCapture;
  /** How many times the app called onOutboxWrite. */
  outboxWrites(): number;
}

/**
 * One migrated in-memory PGlite per test file (each costs ~600 MB and ~2 s), emptied before every test,
 * and a fresh MemoryKeyValueStore and app per `backend()` call; all closed after the file.
 */
export function useBackend(): (overrides?: Partial<BackendAppOptions>) => Promise<BackendUnderTest> {
  let shared: Promise<PgliteSqlStore> | undefined;
  const sqlStore = () =>
    (shared ??= PgliteSqlStore.open({ dataDir: PGLITE_MEMORY }).then(async (store) => {
      await migrate(store);
      return store;
    }));
  const opened: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    await (await sqlStore()).query('DELETE FROM outbox; DELETE FROM jobs');
  });

  afterAll(async () => {
    await Promise.all(opened.map((resource) => resource.close()));
    await (await shared)?.close();
  });

  return async (overrides = {}) => {
    const store = await sqlStore();
    const keyValueStore = new MemoryKeyValueStore({ sweepIntervalMs: 0 });
    const logs = new LogCapture();
    let writes = 0;
    const app = await buildApp({
      config,
      logger: createLogger({ service: 'backend', hashSalt: 'test-salt', destination: logs, level: 'info' }),
      chatAnalysis: new ChatAnalysisClient({ baseUrl: 'http://127.0.0.1:1' }),
      sqlStore: store,
      keyValueStore,
      callbackUrl: CALLBACK_URL,
      onOutboxWrite: () => void (writes += 1),
      ...overrides,
    });
    opened.push(app, keyValueStore);
    return { app, sqlStore: overrides.sqlStore ?? store, keyValueStore, logs, outboxWrites: () => writes };
  };
}
