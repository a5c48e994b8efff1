import {
  ENTITY_TYPES,
  INTENT_LABELS,
  SENTIMENT_LABELS,
  type EntityType,
  type IntentLabel,
  type Language,
  type SentimentLabel,
} from '@invekto/contracts';
import { matchEntities } from './entity-match.js';
import type { ChatPrediction, LabelledChat, LabelledEntity, PredictedEntity } from './labelled-chat.js';

export interface PrecisionRecall {
  /** Gold items. */
  readonly labelled: number;
  readonly predicted: number;
  readonly matched: number;
  /** `matched / predicted`; 1 when nothing was predicted and nothing was labelled, else 0 for no predictions. */
  readonly precision: number;
  /** `matched / labelled`; 1 when nothing was labelled and nothing was predicted, else 0 for no labels. */
  readonly recall: number;
  readonly f1: number;
}

export interface Confusion<L extends string> {
  readonly expected: L;
  readonly predicted: L;
  readonly count: number;
}

export interface LabelScore<L extends string> {
  readonly total: number;
  readonly correct: number;
  readonly accuracy: number;
  /** Off-diagonal cells only, most frequent first. */
  readonly confusions: readonly Confusion<L>[];
  /** Treating each label as a class of its own: precision, recall and F1 per label. */
  readonly perLabel: Readonly<Record<L, PrecisionRecall>>;
}

export interface EntityScore {
  readonly byType: Readonly<Record<EntityType, PrecisionRecall>>;
  /** Pooled over all types. */
  readonly micro: PrecisionRecall;
  /** Mean F1 over the types that were labelled or predicted at least once. */
  readonly macroF1: number;
}

/** What went wrong in one chat, for reading the misses one by one. */
export interface ChatErrors {
  readonly id: string;
  readonly intent?: { readonly expected: IntentLabel; readonly predicted: IntentLabel };
  readonly sentiment?: { readonly expected: SentimentLabel; readonly predicted: SentimentLabel };
  readonly missed: readonly LabelledEntity[];
  readonly spurious: readonly PredictedEntity[];
}

export interface SubsetScore {
  readonly chats: number;
  readonly intent: LabelScore<IntentLabel>;
  readonly sentiment: LabelScore<SentimentLabel>;
  readonly entities: EntityScore;
}

export interface CorpusScore extends SubsetScore {
  readonly byLanguage: Readonly<Partial<Record<Language, SubsetScore>>>;
  /** Chats with at least one error, in corpus order. */
  readonly errors: readonly ChatErrors[];
}

/** Scores predictions (keyed by chat id) against the corpus labels; every chat needs a prediction. */
export function scoreCorpus(
  corpus: readonly LabelledChat[],
  predictions: ReadonlyMap<string, ChatPrediction>,
): CorpusScore {
  const outcomes = corpus.map((chat) => {
    const prediction = predictions.get(chat.id);
    if (prediction === undefined) throw new Error(`no prediction for chat ${chat.id}`);
    return outcomeOf(chat, prediction);
  });
  const byLanguage: Partial<Record<Language, SubsetScore>> = {};
  for (const language of ['tr', 'en'] as const) {
    const subset = outcomes.filter((o) => o.language === language);
    if (subset.length > 0) byLanguage[language] = scoreOutcomes(subset);
  }
  const errors = outcomes.flatMap((o) => {
    const e = o.errors;
    return e.intent || e.sentiment || e.missed.length > 0 || e.spurious.length > 0 ? [e] : [];
  });
  return { ...scoreOutcomes(outcomes), byLanguage, errors };
}

export function precisionRecall(labelled: number, predicted: number, matched: number): PrecisionRecall {
  const precision = predicted > 0 ? matched / predicted : labelled > 0 ? 0 : 1;
  const recall = labelled > 0 ? matched / labelled : predicted > 0 ? 0 : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { labelled, predicted, matched, precision, recall, f1 };
}

interface ChatOutcome {
  readonly language: Language;
  readonly intent: { readonly expected: IntentLabel; readonly predicted: IntentLabel };
  readonly sentiment: { readonly expected: SentimentLabel; readonly predicted: SentimentLabel };
  /** Per entity type: [labelled, predicted, matched]. */
  readonly entityCounts: ReadonlyMap<EntityType, readonly [number, number, number]>;
  readonly errors: ChatErrors;
}

function outcomeOf(chat: LabelledChat, prediction: ChatPrediction): ChatOutcome {
  const intent = { expected: chat.labels.intent, predicted: prediction.intent.label };
  const sentiment = { expected: chat.labels.sentiment, predicted: prediction.sentiment.overall.label };
  const match = matchEntities(prediction.entities, chat.labels.entities);
  const entityCounts = new Map<EntityType, [number, number, number]>();
  const bump = (type: EntityType, slot: 0 | 1 | 2) => {
    const counts = entityCounts.get(type) ?? [0, 0, 0];
    counts[slot] += 1;
    entityCounts.set(type, counts);
  };
  for (const label of chat.labels.entities) bump(label.type, 0);
  for (const predicted of prediction.entities) bump(predicted.type, 1);
  for (const { label } of match.matched) bump(label.type, 2);
  return {
    language: chat.language,
    intent,
    sentiment,
    entityCounts,
    errors: {
      id: chat.id,
      ...(intent.expected === intent.predicted ? {} : { intent }),
      ...(sentiment.expected === sentiment.predicted ? {} : { sentiment }),
      missed: match.missed,
      spurious: match.spurious,
    },
  };
}

function scoreOutcomes(outcomes: readonly ChatOutcome[]): SubsetScore {
  const byType = {} as Record<EntityType, PrecisionRecall>;
  let [labelled, predicted, matched] = [0, 0, 0];
  for (const type of ENTITY_TYPES) {
    let [l, p, m] = [0, 0, 0];
    for (const outcome of outcomes) {
      const counts = outcome.entityCounts.get(type);
      if (counts === undefined) continue;
      l += counts[0];
      p += counts[1];
      m += counts[2];
    }
    byType[type] = precisionRecall(l, p, m);
    labelled += l;
    predicted += p;
    matched += m;
  }
  const active = ENTITY_TYPES.map((type) => byType[type]).filter((s) => s.labelled > 0 || s.predicted > 0);
  const macroF1 = active.length === 0 ? 1 : active.reduce((sum, s) => sum + s.f1, 0) / active.length;
  return {
    chats: outcomes.length,
    intent: labelScore(
      INTENT_LABELS,
      outcomes.map((o) => o.intent),
    ),
    sentiment: labelScore(
      SENTIMENT_LABELS,
      outcomes.map((o) => o.sentiment),
    ),
    entities: { byType, micro: precisionRecall(labelled, predicted, matched), macroF1 },
  };
}

function labelScore<L extends string>(
  labels: readonly L[],
  pairs: readonly { readonly expected: L; readonly predicted: L }[],
): LabelScore<L> {
  const cells = new Map<string, Confusion<L>>();
  let correct = 0;
  for (const { expected, predicted } of pairs) {
    if (expected === predicted) {
      correct += 1;
      continue;
    }
    const key = `${expected}\u0000${predicted}`;
    const count = (cells.get(key)?.count ?? 0) + 1;
    cells.set(key, { expected, predicted, count });
  }
  const order = (label: L) => labels.indexOf(label);
  const confusions = [...cells.values()].sort(
    (a, b) => b.count - a.count || order(a.expected) - order(b.expected) || order(a.predicted) - order(b.predicted),
  );
  const perLabel = {} as Record<L, PrecisionRecall>;
  for (const label of labels) {
    const gold = pairs.filter((p) => p.expected === label).length;
    const guessed = pairs.filter((p) => p.predicted === label).length;
    const hits = pairs.filter((p) => p.expected === label && p.predicted === label).length;
    perLabel[label] = precisionRecall(gold, guessed, hits);
  }
  const total = pairs.length;
  return { total, correct, accuracy: total === 0 ? 0 : correct / total, confusions, perLabel };
}
