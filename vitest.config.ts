import { defineConfig } from 'vitest/config';

/**
 * `npm test`: everything but the benchmark smoke test, which runs the benchmarks themselves on a tiny
 * sample and so takes longer than all the other tests together (`npm run test:bench`, run by CI;
 * vitest.bench.config.ts).
 */
export default defineConfig({
  test: {
    // One module graph per worker, so tests/helpers/engine.ts loads the data and builds the shared engine
    // once per worker rather than once per file (35 s -> 26 s on two cores). Files share nothing else:
    // harnesses start their own servers and fakes, and context-dependent tests use their own keys or a
    // fresh engine (checked with --sequence.shuffle.files).
    isolate: false,
    include: ['tests/**/*.test.ts'],
    // tests/ui: the Agents Playground test in a browser (`npm run test:ui`, vitest.ui.config.ts).
    exclude: ['tests/bench/**', 'tests/package/**', 'tests/ui/**', 'tests/soak/**', '**/node_modules/**'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
