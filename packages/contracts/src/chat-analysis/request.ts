import { Type, type Static } from 'typebox';

export const MessageRoleSchema = Type.Union([Type.Literal('customer'), Type.Literal('agent'), Type.Literal('bot')]);
export type MessageRole = Static<typeof MessageRoleSchema>;

export const ChatMessageSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    role: MessageRoleSchema,
    text: Type.String(),
    /** When the message was written; relative dates in it resolve against this. */
    at: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'ChatMessage', additionalProperties: false },
);
export type ChatMessage = Static<typeof ChatMessageSchema>;

export const AnalyzeRequestSchema = Type.Object(
  {
    chat: Type.Object(
      {
        id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
        messages: Type.Array(ChatMessageSchema),
      },
      { additionalProperties: false },
    ),
    /** Fallback for resolving relative dates when a message has no `at`. */
    referenceTime: Type.Optional(Type.String({ format: 'date-time' })),
    /** Language hint: `tr` or `en`; detected when absent. */
    locale: Type.Optional(Type.String({ pattern: '^(tr|en)(-[A-Za-z]{2})?$' })),
  },
  { $id: 'AnalyzeRequest', additionalProperties: false },
);
export type AnalyzeRequest = Static<typeof AnalyzeRequestSchema>;
