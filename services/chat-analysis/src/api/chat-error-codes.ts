/** How the HTTP stack reports a bad chat body on the chat-analysis routes: CHA codes, not INV ones. */
export const CHAT_ERROR_CODES = {
  malformedBody: 'CHA-VAL-006',
  unsupportedMediaType: 'CHA-VAL-007',
  bodyTooLarge: 'CHA-VAL-005',
  validation: 'CHA-VAL-001',
} as const;
