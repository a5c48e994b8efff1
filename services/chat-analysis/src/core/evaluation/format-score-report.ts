import { ENTITY_TYPES, INTENT_LABELS, SENTIMENT_LABELS } from '@invekto/contracts';
import type { NormalizedValue } from './labelled-chat.js';
import type { CorpusScore, LabelScore, PrecisionRecall, SubsetScore } from './score-corpus.js';

export interface ScoreReportOptions {
  /** Heading of the report. @default 'Dev corpus' */
  readonly title?: string;
  /** How many intent confusions to list. @default 8 */
  readonly confusions?: number;
  /** How many chats with errors to list, each with its misses; 0 lists none. @default 0 */
  readonly details?: number;
}

const DEFAULTS = { title: 'Dev corpus', confusions: 8, details: 0 } as const;

/** A plain-text table of a corpus score, for test output and benchmark scripts. */
export function formatScoreReport(score: CorpusScore, options: ScoreReportOptions = {}): string {
  const { title, confusions, details } = { ...DEFAULTS, ...options };
  const languages = (['tr', 'en'] as const).flatMap((l) => {
    const s = score.byLanguage[l];
    return s === undefined ? [] : [[l, s] as const];
  });
  const columns: (readonly [string, SubsetScore])[] = [['all', score], ...languages];
  const lines: string[] = [];

  lines.push(`${title}: ${score.chats} chats (${languages.map(([l, s]) => `${l} ${s.chats}`).join(', ')})`, '');
  lines.push(row(['', ...columns.map(([name]) => name)], [20, ...columns.map(() => 18)]));
  const summary: [string, (s: SubsetScore) => string][] = [
    ['intent accuracy', (s) => ratio(s.intent.accuracy, s.intent.correct, s.intent.total)],
    ['sentiment accuracy', (s) => ratio(s.sentiment.accuracy, s.sentiment.correct, s.sentiment.total)],
    ['entity micro F1', (s) => fixed(s.entities.micro.f1)],
    ['entity macro F1', (s) => fixed(s.entities.macroF1)],
  ];
  for (const [name, cell] of summary) {
    lines.push(row([name, ...columns.map(([, s]) => cell(s))], [20, ...columns.map(() => 18)]));
  }

  lines.push('', 'Entities (match: type + message + normalised value)');
  const widths = [16, 9, 10, 8, 10, 8, 8];
  lines.push(row(['type', 'labelled', 'predicted', 'matched', 'precision', 'recall', 'f1'], widths));
  for (const type of ENTITY_TYPES) lines.push(prRow(type, score.entities.byType[type], widths));
  lines.push(prRow('micro', score.entities.micro, widths));

  lines.push('', 'Intent per label');
  const intentWidths = [20, 7, 10, 8, 10, 8, 8];
  lines.push(row(['intent', 'chats', 'predicted', 'correct', 'precision', 'recall', 'f1'], intentWidths));
  for (const label of INTENT_LABELS) lines.push(prRow(label, score.intent.perLabel[label], intentWidths));

  lines.push('', 'Worst intent confusions (expected -> predicted)');
  const worst = score.intent.confusions.slice(0, confusions);
  if (worst.length === 0) lines.push('  none');
  for (const c of worst) lines.push(`  ${String(c.count).padStart(3)}  ${c.expected} -> ${c.predicted}`);

  lines.push('', 'Sentiment confusion (rows expected, columns predicted)');
  lines.push(...sentimentMatrix(score.sentiment));

  if (details > 0 && score.errors.length > 0) {
    lines.push('', `Chats with errors (first ${Math.min(details, score.errors.length)} of ${score.errors.length})`);
    for (const e of score.errors.slice(0, details)) {
      const parts: string[] = [];
      if (e.intent) parts.push(`intent ${e.intent.expected} -> ${e.intent.predicted}`);
      if (e.sentiment) parts.push(`sentiment ${e.sentiment.expected} -> ${e.sentiment.predicted}`);
      lines.push(`  ${e.id}${parts.length > 0 ? `  ${parts.join('; ')}` : ''}`);
      for (const m of e.missed)
        lines.push(`      missed   ${m.type} [${m.messageIndex}] "${m.text}" = ${show(m.normalized)}`);
      for (const s of e.spurious) {
        const text = s.text === undefined ? '' : ` "${s.text}"`;
        lines.push(`      spurious ${s.type} [${s.messageIndex}]${text} = ${show(s.normalized)}`);
      }
    }
  }
  return lines.join('\n');
}

function sentimentMatrix(score: LabelScore<(typeof SENTIMENT_LABELS)[number]>): string[] {
  const widths = [12, ...SENTIMENT_LABELS.map(() => 10)];
  const lines = [row(['', ...SENTIMENT_LABELS], widths)];
  for (const expected of SENTIMENT_LABELS) {
    const cells = SENTIMENT_LABELS.map((predicted) => {
      if (predicted === expected) return String(score.perLabel[expected].matched);
      const cell = score.confusions.find((c) => c.expected === expected && c.predicted === predicted);
      return String(cell?.count ?? 0);
    });
    lines.push(row([expected, ...cells], widths));
  }
  return lines;
}

function prRow(name: string, s: PrecisionRecall, widths: readonly number[]): string {
  return row(
    [
      name,
      String(s.labelled),
      String(s.predicted),
      String(s.matched),
      fixed(s.precision),
      fixed(s.recall),
      fixed(s.f1),
    ],
    widths,
  );
}

/** First cell left-aligned, the others right-aligned. */
function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('')
    .trimEnd();
}

function fixed(value: number): string {
  return value.toFixed(3);
}

function ratio(value: number, hits: number, total: number): string {
  return `${fixed(value)} (${hits}/${total})`;
}

function show(value: NormalizedValue): string {
  return typeof value === 'object' ? `${value.amount} ${value.currency}` : JSON.stringify(value);
}
