// HTTP analyze throughput at 10 connections with the full plugin stack (request log on, at info),
// next to a bare Fastify JSON endpoint measured in the same run. The servers run in a child process.
// autocannon reports latency in whole milliseconds.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { chatOf } from './chat-fixtures.mjs';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const body = JSON.stringify(chatOf(10));

async function load(url, title, duration = DURATION_S) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 10,
    duration,
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0)
    console.warn(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const servers = fork(new URL('http-servers.mjs', import.meta.url).pathname, {
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
const [urls] = await once(servers, 'message');

await load(urls.bare, 'warm-up bare', 2);
await load(urls.analyze, 'warm-up analyze', 2);
const baseline = await load(urls.bare, 'bare Fastify');
const analyze = await load(urls.analyze, 'analyze');
servers.disconnect();

console.log(`HTTP, 10 connections, ${DURATION_S} s each, 10-message chat body (${body.length} bytes)`);
console.log(
  `  bare Fastify JSON endpoint : ${baseline.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${baseline.p50} ms  p99 ${baseline.p99} ms`,
);
console.log(
  `  analyze, full stack        : ${analyze.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${analyze.p50} ms  p99 ${analyze.p99} ms`,
);
console.log(`  ratio                      : ${((analyze.reqPerSec / baseline.reqPerSec) * 100).toFixed(1)} % of bare`);
