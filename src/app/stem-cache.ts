import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownStems, seedStems } from '../core/match/stem.js';
import { PACKAGE_ROOT } from '../package-root.js';

/** Written by `npm run build` (scripts/stem-cache.ts) next to the compiled code. */
export const STEM_CACHE_FILE = join(PACKAGE_ROOT, 'dist', 'stem-cache.json');

/**
 * Seeds the stemmer with the stems the build worked out for the bundled data. A missing or unreadable
 * file only costs start-up time (every word is then stemmed as it comes), so it is never an error.
 */
export function loadStemCache(file = STEM_CACHE_FILE): number {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 0;
    const pairs = Object.entries(parsed).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && /^[a-z0-9]+$/.test(e[0]),
    );
    seedStems(pairs);
    return pairs.length;
  } catch {
    return 0;
  }
}

/** Writes every stem worked out in this process (after building an engine over the bundled data). */
export function writeStemCache(file = STEM_CACHE_FILE): number {
  const pairs = knownStems().sort(([a], [b]) => (a < b ? -1 : 1));
  writeFileSync(file, `${JSON.stringify(Object.fromEntries(pairs))}\n`);
  return pairs.length;
}
