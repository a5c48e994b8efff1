import { InvektoError, type AnalyzeRequest } from '@invekto/contracts';

/** The chat limits of `INVEKTO_CHAT_*` (see `InvektoConfig.chatAnalysis`). */
export interface ChatLimits {
  readonly maxMessages: number;
  /** Characters (UTF-16 code units) per message. */
  readonly maxMessageChars: number;
  /** Bytes per request body. */
  readonly maxBodyBytes: number;
}

// C0 controls other than tab, line feed and carriage return, DEL, and C1 controls.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The checks chat-analysis applies to a chat, with its CHA-VAL codes, run by the backend before it
 * accepts an async job: a chat the service would refuse is refused at once, with the answer the sync
 * route relays, instead of being queued to fail later. Keep in step with the service's `enforceChatLimits`.
 */
export function enforceChatLimits(request: AnalyzeRequest, limits: ChatLimits): void {
  const { messages } = request.chat;
  if (messages.length === 0) throw new InvektoError('CHA-VAL-002');
  if (messages.length > limits.maxMessages) {
    throw new InvektoError('CHA-VAL-003', {
      message: `The chat has ${messages.length} messages; at most ${limits.maxMessages} are allowed.`,
    });
  }
  messages.forEach((message, index) => {
    if (message.text.length > limits.maxMessageChars) {
      throw new InvektoError('CHA-VAL-004', {
        message: `Message ${index} has ${message.text.length} characters; at most ${limits.maxMessageChars} are allowed.`,
      });
    }
    if (message.text.trim() === '') {
      throw new InvektoError('CHA-VAL-009', { message: `Message ${index} has no text.` });
    }
    if (CONTROL_CHARACTER.test(message.text) || LONE_SURROGATE.test(message.text)) {
      throw new InvektoError('CHA-VAL-008', {
        message: `Message ${index} contains control characters or invalid Unicode.`,
      });
    }
  });
}
