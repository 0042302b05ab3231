import { defineConfig } from 'vitest/config';

/**
 * `npm run test:ui`: the bot in Microsoft 365 Agents Playground (Microsoft's local Teams client), driven
 * in headless Chromium. Slower than the rest and needs /usr/bin/chromium (Debian's `chromium` package;
 * .ci/run installs it), so it is not part of `npm test`.
 */
export default defineConfig({
  test: {
    include: ['tests/ui/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
