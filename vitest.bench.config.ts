import { defineConfig } from 'vitest/config';

/** `npm run test:bench`: the benchmark smoke test (every section of `npm run bench` on a tiny sample). */
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
