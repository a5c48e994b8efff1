export { ConfigError } from './config-error.js';
export type { Environment, InvektoConfig, LogLevel } from './invekto-config.js';
export { loadConfig } from './load-config.js';
