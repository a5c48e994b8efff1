// In-process analysis latency for 10 / 50 / 200-message chats, next to a JSON round trip of the
// same chat (a floor measured in the same run). Prints figures; never fails on time.
import { analyzeChat } from '@invekto/chat-analysis';
import { chatOf, percentile } from './chat-fixtures.mjs';

function measure(fn, iterations) {
  for (let i = 0; i < Math.min(200, iterations); i += 1) fn();
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i += 1) {
    const started = performance.now();
    fn();
    samples[i] = performance.now() - started;
  }
  const sorted = Array.from(samples).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

const fmt = (ms) => `${ms.toFixed(3)} ms`.padStart(11);
console.log('In-process analysis (analyzeChat), per chat');
console.log('messages   p50         p95         p99         | baseline JSON round trip p50 / p99');
for (const [length, iterations] of [
  [10, 3000],
  [50, 1000],
  [200, 300],
]) {
  const request = chatOf(length);
  const analysis = measure(() => analyzeChat(request), iterations);
  const baseline = measure(() => JSON.parse(JSON.stringify(request)), iterations);
  console.log(
    `${String(length).padStart(8)} ${fmt(analysis.p50)} ${fmt(analysis.p95)} ${fmt(analysis.p99)} | ${fmt(baseline.p50)} / ${fmt(baseline.p99)}`,
  );
}
