import { defineConfig } from 'vitest/config';

/**
 * `npm run test:package`: packages the Lambda function with scripts/package-lambda.sh into a temporary
 * folder and loads its handler (about a minute: it copies node_modules). CI runs it; `npm test` does not.
 */
export default defineConfig({
  test: {
    include: ['tests/package/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
