/**
 * `npm run build` step: stems every word of the bundled knowledge base and training utterances once,
 * so start-up reads them instead of running the stemmer on two thousand words.
 */
import { bootEngine } from '../src/app/boot.js';
import { STEM_CACHE_FILE, writeStemCache } from '../src/app/stem-cache.js';

bootEngine({ dataDir: null, intentsDir: null, contextTtlMs: 60_000 });
const n = writeStemCache();
process.stdout.write(`stem cache: ${n} words → ${STEM_CACHE_FILE}\n`);
