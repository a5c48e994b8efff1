import type { InvektoConfig } from '@invekto/platform/config';
import type { Logger } from '@invekto/platform/observability';
import type { Stores } from './open-stores.js';

/** A started part of the system; `close` drains it. */
export interface RunningComponent {
  readonly name: ComponentName;
  /** Where it listens, for the components that serve HTTP. */
  readonly url?: string;
  close(): Promise<void>;
}

export const COMPONENT_NAMES = ['chat-analysis-api', 'chat-analysis-consumer', 'backend', 'dispatcher'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export function isComponentName(value: string): value is ComponentName {
  return (COMPONENT_NAMES as readonly string[]).includes(value);
}

/** What every component starts from. */
export interface ComponentContext {
  readonly config: InvektoConfig;
  readonly logger: Logger;
  readonly stores: Stores;
}
