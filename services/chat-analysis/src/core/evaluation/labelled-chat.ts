import type { ChatMessage, EntityType, IntentLabel, Language, Money, SentimentLabel } from '@invekto/contracts';

/** What a correct extractor outputs for an entity; see README.md for the form of each type. */
export type NormalizedValue = string | number | Money;

/** One entity mention as labelled in the corpus. */
export interface LabelledEntity {
  readonly type: EntityType;
  /** The mention as written; it occurs verbatim in the message's text. */
  readonly text: string;
  readonly normalized: NormalizedValue;
  readonly messageIndex: number;
}

export interface ChatLabels {
  readonly intent: IntentLabel;
  /** The customer's overall state by the end of the chat. */
  readonly sentiment: SentimentLabel;
  /** Every entity of every message, agent and bot messages included. */
  readonly entities: readonly LabelledEntity[];
}

/** A chat of the development corpus with its gold labels. */
export interface LabelledChat {
  /** `tr-001`, `en-014`: the prefix is the chat's language. */
  readonly id: string;
  readonly language: Language;
  readonly chat: { readonly messages: readonly ChatMessage[] };
  readonly labels: ChatLabels;
}

/** The part of an analysis that is scored; `AnalysisResult` is assignable to it. */
export interface ChatPrediction {
  readonly intent: { readonly label: IntentLabel };
  readonly sentiment: { readonly overall: { readonly label: SentimentLabel } };
  readonly entities: readonly PredictedEntity[];
}

export interface PredictedEntity {
  readonly type: EntityType;
  readonly normalized: NormalizedValue;
  readonly messageIndex: number;
  readonly text?: string;
}
