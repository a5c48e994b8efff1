// Accuracy of the analysers on the labelled development corpus and on the independent check corpus:
// intent and sentiment accuracy, entity precision / recall / F1 per type. The baseline, from the same
// corpus in the same run, is always answering the most frequent label.
import { analyzeChat } from '@invekto/chat-analysis';
import { evaluateLabelledCorpus } from '@invekto/chat-analysis/evaluation';

function majorityShare(labels) {
  const counts = new Map();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const [label, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return `${(count / labels.length).toFixed(3)} (${label})`;
}

for (const [name, title] of [
  ['dev', 'Development corpus'],
  ['check', "Check corpus (independent of the analysers' development)"],
]) {
  const { report, corpus } = evaluateLabelledCorpus(name, analyzeChat, { title });
  console.log(report);
  const intents = corpus.map((chat) => chat.labels.intent);
  const sentiments = corpus.map((chat) => chat.labels.sentiment);
  console.log(
    `baseline, most frequent label: intent ${majorityShare(intents)}, sentiment ${majorityShare(sentiments)}\n`,
  );
}
