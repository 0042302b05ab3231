import { join, resolve } from 'node:path';
import { createEngine, type Engine } from '../core/engine.js';
import { ConfigError } from '../kb/errors.js';
import { type IntentFile, loadIntents } from '../kb/intents.js';
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

export interface EngineData {
  kb: KnowledgeBase;
  intents: IntentFile[];
}

/** Loads and validates data/ and intents/. Throws KnowledgeBaseError. */
export function loadEngineData(s: Pick<EngineConfig, 'dataDir' | 'intentsDir'>): EngineData {
  const intentsDir = resolve(s.intentsDir ?? join(PACKAGE_ROOT, 'intents'));
  const data = {
    kb: loadKnowledgeBase(resolve(s.dataDir ?? join(PACKAGE_ROOT, 'data'))),
    intents: loadIntents(intentsDir),
  };
  // With no intents the classifier knows nothing and every question would fall back: refuse to start.
  if (data.intents.length === 0) {
    throw new ConfigError([
      `SRM_INTENTS_DIR: ${intentsDir} holds no intent files (<intent>.json with its utterances)`,
    ]);
  }
  return data;
}

/** Builds an engine over data already loaded (its own conversation contexts). */
export function engineOver(data: EngineData, contextTtlMs: number): BootedEngine {
  return { ...createEngine({ ...data, contextTtlMs }), kb: data.kb };
}

/** Loads and validates data/ and intents/, then builds the engine. Throws KnowledgeBaseError. */
export function bootEngine(s: EngineConfig): BootedEngine {
  return engineOver(loadEngineData(s), s.contextTtlMs);
}
