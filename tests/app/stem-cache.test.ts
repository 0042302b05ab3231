import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStemCache, writeStemCache } from '../../src/app/stem-cache.js';
import { stem } from '../../src/core/match/stem.js';

describe('the build stem cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'srm-stems-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips: what is written is read back and agrees with the stemmer', () => {
    stem('patching');
    const file = join(dir, 'stems.json');
    expect(writeStemCache(file)).toBeGreaterThan(0);
    expect(loadStemCache(file)).toBeGreaterThan(0);
    expect(stem('patching')).toBe('patch');
  });

  it.each([
    ['a missing file', null],
    ['malformed JSON', '{not json'],
    ['a list instead of an object', '["patch"]'],
  ])('ignores %s: start-up only gets slower, never fails', (_, text) => {
    const file = join(dir, `bad-${Math.random()}.json`);
    if (text !== null) writeFileSync(file, text);
    expect(loadStemCache(file)).toBe(0);
  });

  it('skips entries that are not word → stem strings', () => {
    const file = join(dir, 'mixed.json');
    writeFileSync(file, JSON.stringify({ encrypts: 'encrypt', 'Not A Word': 'x', rotation: 5 }));
    expect(loadStemCache(file)).toBe(1);
  });
});
