import { bootEngine } from '../../src/boot.js';
import type { Engine } from '../../src/core/engine.js';

let shared: Engine | undefined;

/** One engine over the bundled data/ and intents/, built once per test file. */
export function engine(): Engine {
  shared ??= bootEngine({ dataDir: null, intentsDir: null, contextTtlMs: 60_000 });
  return shared;
}

/** A fresh engine, for tests that depend on conversation context or its expiry. */
export function freshEngine(contextTtlMs = 60_000): Engine {
  return bootEngine({ dataDir: null, intentsDir: null, contextTtlMs });
}
