import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntentFile } from '../kb/intents.js';
import type { KnowledgeBase } from '../kb/load.js';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * The validated knowledge base and intents as the build left them (`npm run build`), so that `srm ask`
 * and the servers need not load the schema library and validate three megabytes of unchanged data on
 * every start. The cache is used only when every data and intent file is byte for byte what the build
 * validated (a SHA-256 over their names and contents); any other data is loaded and validated in full.
 */
export const KB_CACHE_FILE = join(PACKAGE_ROOT, 'dist', 'kb-cache.json');

/** Bumped when the cached shape changes, so a cache from another version is never read. */
const VERSION = 1;

interface CacheFile {
  version: number;
  fingerprint: string;
  kb: Omit<KnowledgeBase, 'linkTitles'> & { linkTitles: [string, string][] };
  intents: IntentFile[];
}

/** The JSON files the loaders read: data/*.json, data/services/*.json, intents/*.json. */
export function fingerprint(dataDir: string, intentsDir: string): string {
  const hash = createHash('sha256');
  for (const [label, dir] of [
    ['data', dataDir],
    ['services', join(dataDir, 'services')],
    ['intents', intentsDir],
  ] as const) {
    const names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
    for (const n of names) {
      hash.update(`${label}/${n}\0`);
      hash.update(readFileSync(join(dir, n)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** The cached data when it was built from exactly these files; undefined otherwise (never throws). */
export function readKbCache(
  dataDir: string,
  intentsDir: string,
  file = KB_CACHE_FILE,
): { kb: KnowledgeBase; intents: IntentFile[] } | undefined {
  try {
    const cache = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (cache.version !== VERSION || cache.fingerprint !== fingerprint(dataDir, intentsDir)) return undefined;
    return { kb: { ...cache.kb, linkTitles: new Map(cache.kb.linkTitles) }, intents: cache.intents };
  } catch {
    return undefined;
  }
}

/** Writes the cache for data that was just loaded and validated from these folders. */
export function writeKbCache(
  data: { kb: KnowledgeBase; intents: IntentFile[] },
  dataDir: string,
  intentsDir: string,
  file = KB_CACHE_FILE,
): void {
  const cache: CacheFile = {
    version: VERSION,
    fingerprint: fingerprint(dataDir, intentsDir),
    kb: { ...data.kb, linkTitles: [...data.kb.linkTitles] },
    intents: data.intents,
  };
  writeFileSync(file, JSON.stringify(cache));
}
