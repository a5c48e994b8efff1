export { main } from './main.js';
export {
  COMPONENT_NAMES,
  type ComponentContext,
  type ComponentName,
  type RunningComponent,
} from './runtime/component.js';
export { topologyFromConfig } from './runtime/ladder-from-config.js';
export { openStores, type OpenStoresOptions, type Stores } from './runtime/open-stores.js';
export { startComponents, stopComponents } from './runtime/start-components.js';
