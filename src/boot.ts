import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineConfig } from './config.js';
import { createEngine, type Engine } from './core/engine.js';
import { loadIntents } from './kb/intents.js';
import { loadKnowledgeBase } from './kb/load.js';

/** The package's own folder (where data/ and intents/ ship), from source or from dist/. */
export const PACKAGE_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/** Loads and validates data/ and intents/, then builds the engine. Throws KnowledgeBaseError. */
export function bootEngine(s: EngineConfig): Engine {
  const dataDir = resolve(s.dataDir ?? join(PACKAGE_ROOT, 'data'));
  const intentsDir = resolve(s.intentsDir ?? join(PACKAGE_ROOT, 'intents'));
  const kb = loadKnowledgeBase(dataDir);
  const intents = loadIntents(intentsDir);
  return createEngine({ kb, intents, contextTtlMs: s.contextTtlMs });
}
