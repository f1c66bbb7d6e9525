import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Store suites open real databases; a few in parallel keeps a 2-core machine busy without thrashing.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
