import type { Entity, EntityType } from '@invekto/contracts';
import type { PreparedMessage } from '../types.js';
import { extractAbsoluteDates } from './absolute-date-extractor.js';
import { toEntity, type Candidate, type CandidateSink } from './candidate.js';
import { extractEmails } from './email-extractor.js';
import { extractIbans } from './iban-extractor.js';
import { createMessageView, type MessageView } from './message-view.js';
import { extractMoney } from './money-extractor.js';
import { extractNumbers } from './number-extractor.js';
import { extractOrderNumbers } from './order-number-extractor.js';
import { resolveOverlaps } from './overlap.js';
import { extractPersons } from './person-extractor.js';
import { extractPhones } from './phone-extractor.js';
import { extractRelativeDates } from './relative-date-extractor.js';
import { extractTrackingNumbers } from './tracking-number-extractor.js';
import { extractUrls } from './url-extractor.js';

type Extractor = (view: MessageView, out: CandidateSink) => void;

// Every extractor proposes candidates independently; resolveOverlaps decides between them, so the
// order here does not matter for the result.
const EXTRACTORS: readonly Extractor[] = [
  extractIbans,
  extractEmails,
  extractUrls,
  extractPhones,
  extractOrderNumbers,
  extractTrackingNumbers,
  extractMoney,
  extractAbsoluteDates,
  extractRelativeDates,
  extractPersons,
  extractNumbers,
];

const isReported = (candidate: Candidate): candidate is Candidate & { readonly type: EntityType } =>
  candidate.type !== 'void';

/**
 * Finds the entities in a chat: people, dates, numbers, money, phones, e-mails, order and tracking
 * numbers, IBANs and URLs, each with its canonical form. Pure and deterministic: relative dates resolve
 * against each message's own reference time, never the clock. Sorted by message, then offset; no two overlap.
 */
export function extractEntities(messages: readonly PreparedMessage[]): Entity[] {
  const entities: Entity[] = [];
  for (const message of messages) {
    if (message.text.length === 0) continue;
    const view = createMessageView(message);
    const candidates: Candidate[] = [];
    for (const extract of EXTRACTORS) extract(view, candidates);
    for (const candidate of resolveOverlaps(candidates)) {
      if (isReported(candidate)) entities.push(toEntity(candidate, message.text, message.index));
    }
  }
  return entities.sort((a, b) => a.messageIndex - b.messageIndex || a.start - b.start);
}
