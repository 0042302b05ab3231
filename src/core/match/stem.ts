import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const cache = new Map<string, string>();
const MAX = 50_000;

/** Porter stem of one lower-case word, memoised: the vocabulary of a chat bot is small. */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (cache.size < MAX) cache.set(word, s);
  }
  return s;
}

/**
 * Stems worked out before (the build writes those of the bundled data): stemming the knowledge base's
 * two thousand words is a fifth of start-up, and a stem never changes for a word. Words missing here
 * are stemmed as they come.
 */
export function seedStems(pairs: Iterable<readonly [string, string]>): void {
  for (const [word, s] of pairs) if (cache.size < MAX) cache.set(word, s);
}

/**
 * Words whose Porter stem names something else (vocabulary.stemAs: "engineers" would stem as "engine"):
 * set before anything is stemmed, and kept over any seeded stem.
 */
export function stemAs(pairs: Iterable<readonly [string, string]>): void {
  for (const [word, s] of pairs) cache.set(word, s);
}

/** Every stem worked out so far (for the build's stem cache). */
export function knownStems(): [string, string][] {
  return [...cache];
}
