import { OutboxDispatcher, OutboxRepository } from '@invekto/platform/outbox';
import type { ComponentContext, RunningComponent } from '../component.js';

export interface RunningDispatcher extends RunningComponent {
  /** Wakes the dispatcher at once: a row was just written in this process. */
  notify(): void;
}

/** Publishes outbox rows to the broker. */
export function startDispatcher({ logger, stores }: ComponentContext): RunningDispatcher {
  const dispatcher = new OutboxDispatcher({
    repository: new OutboxRepository(stores.sql),
    broker: stores.broker,
    logger: logger.child({ component: 'dispatcher' }),
  });
  dispatcher.start();
  return { name: 'dispatcher', notify: () => dispatcher.notify(), close: () => dispatcher.close() };
}
