export { extractEntities } from './extract-entities.js';
