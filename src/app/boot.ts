import { join, resolve } from 'node:path';
import { createEngine, type Engine } from '../core/engine.js';
import { loadIntents } from '../kb/intents.js';
import { type KnowledgeBase, loadKnowledgeBase } from '../kb/load.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { EngineConfig } from './config.js';

export { PACKAGE_ROOT };

/**
 * The engine with the knowledge base it was built from. Adapters and renderers take the narrower `Engine`
 * (replies only); the knowledge base is for what inspects the data itself: `srm validate`, the start-up
 * log line, the benchmarks and the tests.
 */
export interface BootedEngine extends Engine {
  readonly kb: KnowledgeBase;
}

/** Loads and validates data/ and intents/, then builds the engine. Throws KnowledgeBaseError. */
export function bootEngine(s: EngineConfig): BootedEngine {
  const dataDir = resolve(s.dataDir ?? join(PACKAGE_ROOT, 'data'));
  const intentsDir = resolve(s.intentsDir ?? join(PACKAGE_ROOT, 'intents'));
  const kb = loadKnowledgeBase(dataDir);
  const intents = loadIntents(intentsDir);
  return { ...createEngine({ kb, intents, contextTtlMs: s.contextTtlMs }), kb };
}
