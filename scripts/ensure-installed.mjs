// Installs dependencies when they are missing or older than package-lock.json, so `npm start` and
// `npm test` work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const lock = 'package-lock.json';

function run(args) {
  console.log(`> npm ${args.join(' ')}`);
  const result = spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// `npm install` rather than `npm ci`: it installs the locked versions too, and npm 11's `ci` rejects
// this lock because of how it records the platform-specific optional packages of unrs-resolver.
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  run(['install', '--no-audit', '--no-fund']);
}
