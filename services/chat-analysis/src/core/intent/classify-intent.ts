import { INTENT_LABELS, type Entity, type EntityType, type Intent, type IntentLabel } from '@invekto/contracts';
import type { PreparedMessage } from '../types.js';
import { findIntentCues, sumIntentWeights } from './intent-evidence.js';

interface EntitySupport {
  readonly label: IntentLabel;
  readonly weight: number;
  /** Only strengthens an intent that some cue already points to; an amount alone proves nothing. */
  readonly needsCue: boolean;
}

/** What the presence of an entity type in the customer's messages adds, once per type. */
const ENTITY_SUPPORT: Readonly<Partial<Record<EntityType, readonly EntitySupport[]>>> = {
  order_number: [
    { label: 'order_status', weight: 0.6, needsCue: false },
    { label: 'cancel_order', weight: 0.4, needsCue: true },
    { label: 'return_request', weight: 0.4, needsCue: true },
    { label: 'refund_status', weight: 0.3, needsCue: true },
    { label: 'delivery_issue', weight: 0.3, needsCue: true },
    { label: 'exchange_request', weight: 0.3, needsCue: true },
  ],
  tracking_number: [
    { label: 'order_status', weight: 0.5, needsCue: true },
    { label: 'delivery_issue', weight: 0.5, needsCue: true },
  ],
  money: [
    { label: 'payment_problem', weight: 0.6, needsCue: true },
    { label: 'refund_status', weight: 0.5, needsCue: true },
    { label: 'price_discount', weight: 0.4, needsCue: true },
  ],
  iban: [
    { label: 'refund_status', weight: 0.3, needsCue: true },
    { label: 'return_request', weight: 0.3, needsCue: true },
  ],
  date: [
    { label: 'order_status', weight: 0.2, needsCue: true },
    { label: 'delivery_issue', weight: 0.2, needsCue: true },
  ],
};

// The first substantive customer message usually states the purpose; later ones add detail or drift.
const POSITION_DECAY = 0.4;
const MIN_POSITION_WEIGHT = 0.35;
// Agents restate the case in their replies ("iade talebiniz oluşturuldu"): weak, independent evidence.
const AGENT_SHARE = 0.15;
// One long message must not outvote the rest of the chat.
const MAX_PER_MESSAGE = 6;
// "Tamam, teşekkürler" after a question closes the chat; it is not its purpose.
const SIGN_OFF_SHARE = 0.3;
// Below this the best intent is a guess and the chat is `other`.
const MIN_EVIDENCE = 1;
// Greetings and thanks decide the intent only when nothing else is asked.
const GREETING_WHEN_ASKED = 0.1;
// Mass kept back from every label, so weak evidence gives low confidence.
const PRIOR = 1.5;
const MAX_OTHER_CONFIDENCE = 0.9;
const MIN_ALTERNATIVE_CONFIDENCE = 0.05;
const MAX_ALTERNATIVES = 3;

/**
 * The purpose of the chat, read from the customer's messages (from all messages when the customer wrote
 * none): weighted cue phrases per message, the earlier substantive messages counting most, a little of
 * what the agent replied, and supporting entities. Confidence is each intent's share of the evidence
 * with a prior held back.
 */
export function classifyIntent(messages: readonly PreparedMessage[], entities: readonly Entity[]): Intent {
  const { totals, pool, requests } = gatherCues(messages);
  addEntitySupport(totals, entities, pool);
  const greeting = totals.get('greeting_thanks');
  const otherwise = [...totals].some(([label, total]) => label !== 'greeting_thanks' && total >= MIN_EVIDENCE);
  if (greeting !== undefined && requests > 0 && otherwise) {
    totals.set('greeting_thanks', greeting * GREETING_WHEN_ASKED);
  }
  return decide(totals);
}

interface GatheredCues {
  readonly totals: Map<IntentLabel, number>;
  /** Indices of the messages the intent is read from. */
  readonly pool: ReadonlySet<number>;
  /** How many of them ask for something beyond a greeting or thanks. */
  readonly requests: number;
}

function gatherCues(messages: readonly PreparedMessage[]): GatheredCues {
  const hasCustomer = messages.some((message) => message.role === 'customer');
  const totals = new Map<IntentLabel, number>();
  const pool = new Set<number>();
  let requests = 0;
  let asked = false;
  for (const message of messages) {
    const sums = sumIntentWeights(findIntentCues(message));
    const greeting = sums.get('greeting_thanks') ?? 0;
    sums.delete('greeting_thanks');
    if (hasCustomer && message.role !== 'customer') {
      addCapped(totals, sums, AGENT_SHARE);
      continue;
    }
    pool.add(message.index);
    // A salutation before a request ("Merhaba, iade etmek istiyorum") says nothing about its purpose.
    const strongest = Math.max(0, ...sums.values());
    const asks = strongest > 0 && strongest >= greeting;
    if (asks) {
      addCapped(totals, sums, Math.max(MIN_POSITION_WEIGHT, 1 / (1 + POSITION_DECAY * requests)));
      requests += 1;
    } else {
      addCapped(totals, sums, 1);
      const share = asked ? SIGN_OFF_SHARE : 1;
      if (greeting > 0) add(totals, 'greeting_thanks', Math.min(MAX_PER_MESSAGE, greeting) * share);
    }
    if (asks || message.text.includes('?')) asked = true;
  }
  return { totals, pool, requests };
}

function addCapped(totals: Map<IntentLabel, number>, sums: ReadonlyMap<IntentLabel, number>, weight: number): void {
  for (const [label, sum] of sums) add(totals, label, weight * Math.min(MAX_PER_MESSAGE, sum));
}

function addEntitySupport(
  totals: Map<IntentLabel, number>,
  entities: readonly Entity[],
  pool: ReadonlySet<number>,
): void {
  const present = new Set<EntityType>();
  for (const entity of entities) if (pool.has(entity.messageIndex)) present.add(entity.type);
  const cued = new Set(totals.keys());
  for (const type of present) {
    for (const support of ENTITY_SUPPORT[type] ?? []) {
      if (!support.needsCue || cued.has(support.label)) add(totals, support.label, support.weight);
    }
  }
}

function decide(totals: ReadonlyMap<IntentLabel, number>): Intent {
  const labels = INTENT_LABELS.filter((label) => (totals.get(label) ?? 0) > 0);
  const mass = labels.reduce((sum, label) => sum + (totals.get(label) ?? 0), 0) + PRIOR;
  const scored = labels
    .map((label) => ({ label, confidence: round((totals.get(label) ?? 0) / mass) }))
    .sort((a, b) => b.confidence - a.confidence || INTENT_LABELS.indexOf(a.label) - INTENT_LABELS.indexOf(b.label));
  const [best, ...rest] = scored;
  if (best === undefined || (totals.get(best.label) ?? 0) < MIN_EVIDENCE) {
    const other = totals.get('other') ?? 0;
    return {
      label: 'other',
      confidence: round(Math.min(MAX_OTHER_CONFIDENCE, (PRIOR + other) / mass)),
      alternatives: alternatives(scored.filter((entry) => entry.label !== 'other')),
    };
  }
  return { label: best.label, confidence: best.confidence, alternatives: alternatives(rest) };
}

function alternatives(scored: readonly { label: IntentLabel; confidence: number }[]): Intent['alternatives'] {
  return scored.filter((entry) => entry.confidence >= MIN_ALTERNATIVE_CONFIDENCE).slice(0, MAX_ALTERNATIVES);
}

function add(totals: Map<IntentLabel, number>, label: IntentLabel, amount: number): void {
  totals.set(label, (totals.get(label) ?? 0) + amount);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
