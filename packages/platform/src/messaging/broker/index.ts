export type {
  Broker,
  ConsumeOptions,
  Delivery,
  DeliveryHandler,
  HeaderValue,
  MessageHeaders,
  OutgoingMessage,
  QueueStats,
  Subscription,
} from './broker.js';
