import { join, resolve } from 'node:path';
import type { EngineConfig } from './config.js';
import { createEngine, type Engine } from './core/engine.js';
import { loadIntents } from './kb/intents.js';
import { loadKnowledgeBase } from './kb/load.js';
import { PACKAGE_ROOT } from './package-root.js';

export { PACKAGE_ROOT };

/** Loads and validates data/ and intents/, then builds the engine. Throws KnowledgeBaseError. */
export function bootEngine(s: EngineConfig): Engine {
  const dataDir = resolve(s.dataDir ?? join(PACKAGE_ROOT, 'data'));
  const intentsDir = resolve(s.intentsDir ?? join(PACKAGE_ROOT, 'intents'));
  const kb = loadKnowledgeBase(dataDir);
  const intents = loadIntents(intentsDir);
  return createEngine({ kb, intents, contextTtlMs: s.contextTtlMs });
}
