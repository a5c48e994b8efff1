import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { HttpApp } from '@invekto/platform/http';

const WEB_ROOT = new URL('../../web/', import.meta.url);

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const CSP = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:";

/**
 * Serves the demo page at `/` and each script and stylesheet of `web/` at `/assets/<file>`. Files are
 * read once at start-up; only what is in the folder then is served, so no request reaches the disk.
 */
export function registerWebRoutes(app: HttpApp): void {
  const routes: [string, string, string][] = [['/', 'index.html', 'text/html; charset=utf-8']];
  for (const file of readdirSync(WEB_ROOT)) {
    const type = CONTENT_TYPES[extname(file)];
    if (type !== undefined) routes.push([`/assets/${file}`, file, type]);
  }
  for (const [path, file, type] of routes) {
    const body = readFileSync(new URL(file, WEB_ROOT));
    app.get(path, async (_request, reply) =>
      reply.type(type).header('cache-control', 'no-cache').header('content-security-policy', CSP).send(body),
    );
  }
}
