import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['invekto-source'] },
  ssr: { resolve: { conditions: ['invekto-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
