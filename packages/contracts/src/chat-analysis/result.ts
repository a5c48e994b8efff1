import { Type, type Static } from 'typebox';
import { MessageRoleSchema } from './request.js';

export const ENTITY_TYPES = [
  'person',
  'date',
  'number',
  'money',
  'phone',
  'email',
  'order_number',
  'tracking_number',
  'iban',
  'url',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const INTENT_LABELS = [
  'order_status',
  'delivery_issue',
  'return_request',
  'refund_status',
  'cancel_order',
  'exchange_request',
  'product_question',
  'stock_availability',
  'price_discount',
  'payment_problem',
  'invoice_request',
  'address_change',
  'complaint',
  'purchase_intent',
  'greeting_thanks',
  'other',
] as const;
export type IntentLabel = (typeof INTENT_LABELS)[number];

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const MoneySchema = Type.Object(
  { amount: Type.Number(), currency: Type.String({ pattern: '^[A-Z]{3}$' }) },
  { additionalProperties: false },
);
export type Money = Static<typeof MoneySchema>;

export const EntitySchema = Type.Object(
  {
    type: Type.Enum(ENTITY_TYPES),
    /** The text as written in the message. */
    text: Type.String(),
    /** dates YYYY-MM-DD, money {amount,currency}, phones E.164, numbers as numbers, others canonical strings. */
    normalized: Type.Union([Type.String(), Type.Number(), MoneySchema]),
    messageIndex: Type.Integer({ minimum: 0 }),
    /** UTF-16 offsets into the message's original text; `end` is exclusive. */
    start: Type.Integer({ minimum: 0 }),
    end: Type.Integer({ minimum: 0 }),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { $id: 'Entity', additionalProperties: false },
);
export type Entity = Static<typeof EntitySchema>;

export const SentimentScoreSchema = Type.Object(
  {
    label: Type.Enum(SENTIMENT_LABELS),
    score: Type.Number({ minimum: -1, maximum: 1 }),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type SentimentScore = Static<typeof SentimentScoreSchema>;

export const MessageSentimentSchema = Type.Object(
  {
    messageIndex: Type.Integer({ minimum: 0 }),
    label: Type.Enum(SENTIMENT_LABELS),
    score: Type.Number({ minimum: -1, maximum: 1 }),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type MessageSentiment = Static<typeof MessageSentimentSchema>;

export const IntentSchema = Type.Object(
  {
    label: Type.Enum(INTENT_LABELS),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
    alternatives: Type.Array(
      Type.Object(
        { label: Type.Enum(INTENT_LABELS), confidence: Type.Number({ minimum: 0, maximum: 1 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Intent = Static<typeof IntentSchema>;

export const SummarySchema = Type.Object(
  { text: Type.String(), keyPoints: Type.Array(Type.String()) },
  { additionalProperties: false },
);
export type Summary = Static<typeof SummarySchema>;

export const LanguageSchema = Type.Union([Type.Literal('tr'), Type.Literal('en')]);
export type Language = Static<typeof LanguageSchema>;

export const AnalyzedMessageSchema = Type.Object(
  {
    index: Type.Integer({ minimum: 0 }),
    id: Type.Optional(Type.String()),
    role: MessageRoleSchema,
    language: LanguageSchema,
    /** Whitespace collapsed, Unicode NFC, casing folded the Turkish-aware way for the message's language. */
    normalizedText: Type.String(),
  },
  { additionalProperties: false },
);
export type AnalyzedMessage = Static<typeof AnalyzedMessageSchema>;

/** The deterministic `data` of an analysis: the same input always gives byte-identical JSON. */
export const AnalysisResultSchema = Type.Object(
  {
    language: LanguageSchema,
    messages: Type.Array(AnalyzedMessageSchema),
    entities: Type.Array(EntitySchema),
    sentiment: Type.Object(
      { overall: SentimentScoreSchema, messages: Type.Array(MessageSentimentSchema) },
      { additionalProperties: false },
    ),
    intent: IntentSchema,
    summary: SummarySchema,
  },
  { $id: 'AnalysisResult', additionalProperties: false },
);
export type AnalysisResult = Static<typeof AnalysisResultSchema>;
