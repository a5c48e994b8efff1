export type {
  ChatLabels,
  ChatPrediction,
  LabelledChat,
  LabelledEntity,
  NormalizedValue,
  PredictedEntity,
} from './labelled-chat.js';
export { CorpusFormatError, corpusDir, loadCorpus, parseChat, type CorpusName } from './load-corpus.js';
export { checkCorpus, type CorpusRequirements } from './check-corpus.js';
export { matchEntities, sameNormalized, type EntityMatch } from './entity-match.js';
export {
  precisionRecall,
  scoreCorpus,
  type ChatErrors,
  type Confusion,
  type CorpusScore,
  type EntityScore,
  type LabelScore,
  type PrecisionRecall,
  type SubsetScore,
} from './score-corpus.js';
export { formatScoreReport, type ScoreReportOptions } from './format-score-report.js';
export {
  evaluateCorpus,
  evaluateLabelledCorpus,
  requestOf,
  type ChatAnalyzer,
  type CorpusEvaluation,
  type LabelledCorpusEvaluation,
} from './evaluate-corpus.js';
