export { ChatAnalysisClient, type ChatAnalysisClientOptions } from './chat-analysis-client.js';
export { ServiceClient, type ServiceOutcome } from './service-client.js';
export { degradedResponse } from './degraded-response.js';
