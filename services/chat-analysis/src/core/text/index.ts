export { foldKey } from './fold-key.js';
export { tokenize } from './tokenize.js';
export { normalizeText } from './normalize-text.js';
