import { join, resolve } from 'node:path';
import { createEngine } from '../core/engine.js';
import { orgFilePath } from '../org/path.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { BootedEngine } from './boot.js';
import type { EngineConfig } from './config.js';
import { readKbCache } from './kb-cache.js';
import { loadStemCache } from './stem-cache.js';

/**
 * The engine for the entry points (`srm`, the server, Lambda): from the build's validated copy of the
 * data when the data is unchanged since the build (src/app/kb-cache.ts), else loaded and validated in
 * full (boot.ts). The ownership file is always read and validated. Throws what boot.ts throws.
 */
export async function startEngine(s: EngineConfig): Promise<BootedEngine> {
  const dataDir = resolve(s.dataDir ?? join(PACKAGE_ROOT, 'data'));
  const intentsDir = resolve(s.intentsDir ?? join(PACKAGE_ROOT, 'intents'));
  const cached = readKbCache(dataDir, intentsDir);
  // No intents: boot.ts refuses to start with the message that names SRM_INTENTS_DIR.
  if (!cached || cached.intents.length === 0) {
    const { bootEngine } = await import('./boot.js');
    return bootEngine(s);
  }
  loadStemCache();
  const orgFile = orgFilePath(s.orgFile ?? null, dataDir);
  const org = orgFile ? (await import('../org/load.js')).loadOrg(orgFile, cached.kb) : null;
  const engine = createEngine({ ...cached, org, contextTtlMs: s.contextTtlMs });
  return { ...engine, kb: cached.kb, org };
}
