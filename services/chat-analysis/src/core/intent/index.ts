export { classifyIntent } from './classify-intent.js';
export { findIntentCues, type IntentCue } from './intent-evidence.js';
