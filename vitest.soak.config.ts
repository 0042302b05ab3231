import { defineConfig } from 'vitest/config';

/** `npm run test:soak`: the long variants (the hostile corpus many times over), run by CI. */
export default defineConfig({
  test: {
    include: ['tests/soak/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
