export { analyzeChat, ANALYZER_VERSION, type ChatAnalysis } from './analyze-chat.js';
