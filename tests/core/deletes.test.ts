import { describe, expect, it } from 'vitest';
import { DeleteIndex, LruCache } from '../../src/core/match/deletes.js';
import { boundedEditDistance } from '../../src/core/match/distance.js';

/** The typo index must find every term a full scan would: it only replaces the scan (issue 18). */
describe('DeleteIndex', () => {
  const terms = ['encryption', 'patching', 'lambda', 'kinesis', 'glacier', 'firewall', 'backup', 'aurora'];
  const index = new DeleteIndex<string>(2);
  for (const t of terms) index.add(t, t);
  // Misspellings by every kind of edit: substitution, insertion, deletion, neighbour swap, and two.
  const queries = [
    'encrpytion',
    'pacthing',
    'lamda',
    'kinesiss',
    'glaicer',
    'firewal',
    'bakcup',
    'arora',
    'xyzzy',
  ];

  it.each(queries)('finds every term within the edits a full scan finds for "%s"', (q) => {
    for (const k of [1, 2]) {
      const scan = terms.filter((t) => boundedEditDistance(q, t, k) <= k);
      const found = [...index.candidates(q, k)].filter((t) => boundedEditDistance(q, t, k) <= k);
      expect(found.sort()).toEqual(scan.sort());
    }
  });

  it('returns no candidate for a word far from every term', () => {
    expect([...index.candidates('xyzzy', 2)]).toEqual([]);
  });
});

describe('LruCache', () => {
  it('forgets the least recently used entry, not the newest', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1);
    c.set('c', 3);
    expect(c.has('b')).toBe(false);
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.size).toBe(2);
  });
});
