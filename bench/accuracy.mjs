// Accuracy of the analysers on the labelled development corpus: intent and sentiment accuracy,
// entity precision / recall / F1 per type. The baseline, from the same corpus in the same run, is
// always answering the most frequent label.
import { analyzeChat } from '@invekto/chat-analysis';
import { evaluateDevCorpus, loadCorpus } from '@invekto/chat-analysis/evaluation';

function majorityShare(labels) {
  const counts = new Map();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const [label, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return `${(count / labels.length).toFixed(3)} (${label})`;
}

const { report } = evaluateDevCorpus(analyzeChat);
const corpus = loadCorpus();
console.log(report);
console.log(
  `\nbaseline, most frequent label: intent ${majorityShare(corpus.map((chat) => chat.labels.intent))}, sentiment ${majorityShare(corpus.map((chat) => chat.labels.sentiment))}`,
);
