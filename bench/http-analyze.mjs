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
await load(urls.stack, 'warm-up stack', 2);
await load(urls.analyze, 'warm-up analyze', 2);
const baseline = await load(urls.bare, 'bare Fastify');
const stack = await load(urls.stack, 'full stack, trivial handler');
const analyze = await load(urls.analyze, 'analyze');
servers.disconnect();
const percent = (result) => `${((result.reqPerSec / baseline.reqPerSec) * 100).toFixed(1)} %`;

const line = (title, result) =>
  `  ${title.padEnd(28)}: ${result.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  (${percent(result)} of bare)`;
console.log(`HTTP, 10 connections, ${DURATION_S} s each, 10-message chat body (${body.length} bytes)`);
console.log(line('bare Fastify JSON endpoint', baseline));
console.log(line('same handler, full stack', stack));
console.log(line('analyze, full stack', analyze));
