import { join } from 'node:path';
import {
  type BootedEngine,
  type EngineData,
  engineOver,
  loadEngineData,
  PACKAGE_ROOT,
} from '../../src/app/boot.js';
import { loadOrg } from '../../src/org/load.js';

/**
 * The one place tests get an engine. The bundled data/ and intents/ are loaded and validated once per
 * worker (vitest.config.ts keeps one module graph per worker), and the shared engine is built once over
 * them; a fresh engine reuses the loaded data and only builds its own index and contexts. Tests that
 * depend on a conversation's context use a fresh engine or a conversation key of their own.
 */
let data: EngineData | undefined;
let shared: BootedEngine | undefined;

const loaded = (): EngineData => {
  data ??= loadEngineData({ dataDir: null, intentsDir: null });
  return data;
};

/** The shared engine over the bundled data/ and intents/. */
export function engine(): BootedEngine {
  shared ??= engineOver(loaded(), 60_000);
  return shared;
}

/** A fresh engine, for tests that depend on conversation context or its expiry. */
export function freshEngine(contextTtlMs = 60_000): BootedEngine {
  return engineOver(loaded(), contextTtlMs);
}

let withOrg: BootedEngine | undefined;

/** An engine with the example ownership file (examples/org.yaml) over the bundled data, built once per
 * worker like the shared one; tests use conversation keys of their own. */
export function orgEngine(): BootedEngine {
  const d = loaded();
  withOrg ??= engineOver({ ...d, org: loadOrg(join(PACKAGE_ROOT, 'examples/org.yaml'), d.kb) }, 60_000);
  return withOrg;
}
