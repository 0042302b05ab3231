import { join, resolve } from 'node:path';
import { type ContextualEngine, createEngine } from '../core/engine.js';
import { type IntentFile, loadIntents } from '../kb/intents.js';
import { type KnowledgeBase, loadKnowledgeBase } from '../kb/load.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { EngineConfig } from './config.js';
import { loadStemCache } from './stem-cache.js';

export { PACKAGE_ROOT };

/**
 * The engine with the knowledge base it was built from. Adapters and renderers take the narrower `Engine`
 * (replies only); the knowledge base is for what inspects the data itself: `srm validate`, the start-up
 * log line, the benchmarks and the tests.
 */
export interface BootedEngine extends ContextualEngine {
  readonly kb: KnowledgeBase;
}

export interface EngineData {
  kb: KnowledgeBase;
  intents: IntentFile[];
}

/** Loads and validates data/ and intents/. Throws KnowledgeBaseError. */
export function loadEngineData(s: Pick<EngineConfig, 'dataDir' | 'intentsDir'>): EngineData {
  loadStemCache();
  return {
    kb: loadKnowledgeBase(resolve(s.dataDir ?? join(PACKAGE_ROOT, 'data'))),
    intents: loadIntents(resolve(s.intentsDir ?? join(PACKAGE_ROOT, 'intents'))),
  };
}

/** Builds an engine over data already loaded (its own conversation contexts). */
export function engineOver(data: EngineData, contextTtlMs: number): BootedEngine {
  return { ...createEngine({ ...data, contextTtlMs }), kb: data.kb };
}

/** Loads and validates data/ and intents/, then builds the engine. Throws KnowledgeBaseError. */
export function bootEngine(s: EngineConfig): BootedEngine {
  return engineOver(loadEngineData(s), s.contextTtlMs);
}
