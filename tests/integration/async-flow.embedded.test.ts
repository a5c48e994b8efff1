import { describeAsyncFlow } from './async-flow-behaviour.js';

describeAsyncFlow('the embedded stores (PGlite, in-memory, SQL-backed queue)', () => ({
  INVEKTO_DATA_DIR: 'memory://',
}));
