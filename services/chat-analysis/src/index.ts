export { buildApp, type ChatAnalysisAppOptions } from './build-app.js';
export { analyzeChat, ANALYZER_VERSION, type ChatAnalysis } from './core/index.js';
export { startChatAnalysis } from './server.js';
export { warmUp } from './warm-up.js';
export { startChatAnalysisConsumer, type ChatAnalysisConsumerOptions } from './jobs/start-consumer.js';
export { type AsyncJobRoutesOptions } from './api/async-job-routes.js';
