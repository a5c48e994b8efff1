// Runs every benchmark in its own process, one after another, and prints their figures.
import { spawnSync } from 'node:child_process';

for (const script of ['analysis-latency.mjs', 'http-analyze.mjs', 'accuracy.mjs']) {
  console.log(`\n=== ${script} ===`);
  const result = spawnSync(process.execPath, [new URL(script, import.meta.url).pathname], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}
