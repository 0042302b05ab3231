/**
 * `npm run build` step: validates the bundled knowledge base and intents, then writes two caches next to
 * the compiled code: every word's stem (so start-up does not run the stemmer on two thousand words) and
 * the validated data with a fingerprint of its files (src/app/kb-cache.ts: used only while the data is
 * byte for byte unchanged).
 */
import { join } from 'node:path';
import { engineOver, loadEngineData, PACKAGE_ROOT } from '../src/app/boot.js';
import { KB_CACHE_FILE, writeKbCache } from '../src/app/kb-cache.js';
import { STEM_CACHE_FILE, writeStemCache } from '../src/app/stem-cache.js';

const data = loadEngineData({ dataDir: null, intentsDir: null, orgFile: null });
engineOver(data, 60_000);
const n = writeStemCache();
process.stdout.write(`stem cache: ${n} words → ${STEM_CACHE_FILE}\n`);
writeKbCache(data, join(PACKAGE_ROOT, 'data'), join(PACKAGE_ROOT, 'intents'));
process.stdout.write(`knowledge-base cache: ${data.kb.services.length} services → ${KB_CACHE_FILE}\n`);
