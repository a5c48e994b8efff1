import { readFileSync } from 'node:fs';
import type { HttpApp } from '@invekto/platform/http';

const WEB_ROOT = new URL('../../web/', import.meta.url);

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/assets/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/assets/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
};

/** Serves the demo page and its two assets, read once at start-up. */
export function registerWebRoutes(app: HttpApp): void {
  for (const [path, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(new URL(asset.file, WEB_ROOT));
    app.get(path, async (_request, reply) =>
      reply
        .type(asset.type)
        .header('cache-control', 'no-cache')
        .header(
          'content-security-policy',
          "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:",
        )
        .send(body),
    );
  }
}
