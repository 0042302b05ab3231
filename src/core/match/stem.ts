import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const cache = new Map<string, string>();

/** Porter stem of one lower-case word, memoised: the vocabulary of a chat bot is small. */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (cache.size < 50_000) cache.set(word, s);
  }
  return s;
}
