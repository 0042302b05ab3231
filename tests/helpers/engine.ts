import { type BootedEngine, bootEngine } from '../../src/app/boot.js';

let shared: BootedEngine | undefined;

/** One engine over the bundled data/ and intents/, built once per test file. */
export function engine(): BootedEngine {
  shared ??= bootEngine({ dataDir: null, intentsDir: null, contextTtlMs: 60_000 });
  return shared;
}

/** A fresh engine, for tests that depend on conversation context or its expiry. */
export function freshEngine(contextTtlMs = 60_000): BootedEngine {
  return bootEngine({ dataDir: null, intentsDir: null, contextTtlMs });
}
