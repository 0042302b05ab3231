/**
 * A deletion-neighbourhood index (the SymSpell idea): every term is stored under each string made by
 * deleting up to `maxEdits` of its letters. Two words within `k` edits (insertions, deletions,
 * substitutions or swaps of neighbours) share a key made by at most `k` deletions from each, so a
 * query looks up its own deletions instead of scanning every term: its cost depends on the word's
 * length, not on how many terms the knowledge base has. Candidates are then checked with the real
 * edit distance by the caller.
 */
export class DeleteIndex<T> {
  readonly #keys = new Map<string, T[]>();
  /** Terms not yet indexed: the index is built at the first look-up, not at start-up (most
   * messages have no typo, and a one-shot `srm ask` rarely needs it). */
  #pending: [string, T][] = [];

  constructor(readonly maxEdits: number) {}

  add(term: string, value: T): void {
    this.#pending.push([term, value]);
  }

  #build(): void {
    for (const [term, value] of this.#pending) {
      for (const key of deletions(term, this.maxEdits)) {
        const list = this.#keys.get(key);
        if (!list) this.#keys.set(key, [value]);
        else if (!list.includes(value)) list.push(value);
      }
    }
    this.#pending = [];
  }

  /** Every value whose term may be within `edits` of `word` (a superset: verify before use). */
  candidates(word: string, edits: number): Set<T> {
    if (this.#pending.length) this.#build();
    const out = new Set<T>();
    for (const key of deletions(word, Math.min(edits, this.maxEdits))) {
      for (const v of this.#keys.get(key) ?? []) out.add(v);
    }
    return out;
  }
}

/** The word and every string made from it by deleting 1 to `k` letters. */
function deletions(word: string, k: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < k; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** A map that forgets the least recently used entry past `max`, so it never stops learning. */
export class LruCache<K, V> {
  readonly #map = new Map<K, V>();

  constructor(readonly max: number) {}

  has(key: K): boolean {
    return this.#map.has(key);
  }

  get(key: K): V | undefined {
    if (!this.#map.has(key)) return undefined;
    const v = this.#map.get(key) as V;
    this.#map.delete(key);
    this.#map.set(key, v);
    return v;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.max) {
      const oldest = this.#map.keys().next().value as K;
      this.#map.delete(oldest);
    }
  }

  get size(): number {
    return this.#map.size;
  }
}
