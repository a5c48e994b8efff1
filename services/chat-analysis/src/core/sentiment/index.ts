export { analyzeSentiment, type ChatSentiment } from './analyze-sentiment.js';
