import { join, resolve } from 'node:path';
import { type ContextualEngine, createEngine } from '../core/engine.js';
import { ConfigError } from '../kb/errors.js';
import { type IntentFile, loadIntents } from '../kb/intents.js';
import { type KnowledgeBase, loadKnowledgeBase } from '../kb/load.js';
import type { OrgDirectory } from '../org/directory.js';
import { loadOrg, orgFilePath } from '../org/load.js';
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
  /** The company's ownership file, when there is one. */
  readonly org: OrgDirectory | null;
}

export interface EngineData {
  kb: KnowledgeBase;
  intents: IntentFile[];
  org?: OrgDirectory | null;
}

/** Loads and validates data/ and intents/. Throws KnowledgeBaseError. */
export function loadEngineData(s: Pick<EngineConfig, 'dataDir' | 'intentsDir' | 'orgFile'>): EngineData {
  loadStemCache();
  const dataDir = resolve(s.dataDir ?? join(PACKAGE_ROOT, 'data'));
  const intentsDir = resolve(s.intentsDir ?? join(PACKAGE_ROOT, 'intents'));
  const kb = loadKnowledgeBase(dataDir);
  // The ownership file is read once, here: an edit takes effect on restart. Throws OrgFileError.
  const orgFile = orgFilePath(s.orgFile ?? null, dataDir);
  const data = {
    kb,
    intents: loadIntents(intentsDir),
    org: orgFile ? loadOrg(orgFile, kb) : null,
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
export function engineOver(
  data: EngineData,
  contextTtlMs: number,
  options: { answerCache?: boolean } = {},
): BootedEngine {
  return { ...createEngine({ ...data, contextTtlMs, ...options }), kb: data.kb, org: data.org ?? null };
}

/** Loads and validates data/ and intents/, then builds the engine. Throws KnowledgeBaseError. */
export function bootEngine(s: EngineConfig): BootedEngine {
  return engineOver(loadEngineData(s), s.contextTtlMs);
}
