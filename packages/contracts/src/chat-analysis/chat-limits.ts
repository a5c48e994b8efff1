import { InvektoError } from '../invekto-error.js';
import type { AnalyzeRequest } from './request.js';

export interface ChatLimits {
  /** @default 500 */
  readonly maxMessages: number;
  /** Characters (UTF-16 code units) per message. @default 5000 */
  readonly maxMessageChars: number;
  /** @default 2097152 */
  readonly maxBodyBytes: number;
}

// C0 controls other than tab, line feed and carriage return, DEL, and C1 controls.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Checks what the JSON schema cannot express, each failure with its own CHA-VAL code. */
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
