import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEngineData, PACKAGE_ROOT } from '../../src/app/boot.js';
import { readKbCache, writeKbCache } from '../../src/app/kb-cache.js';
import { startEngine } from '../../src/app/start.js';
import { KnowledgeBaseError } from '../../src/kb/errors.js';
import { copyOfData, editService } from '../kb/helpers.js';

const INTENTS = join(PACKAGE_ROOT, 'intents');

describe('the build copy of the validated knowledge base', () => {
  const dir = mkdtempSync(join(tmpdir(), 'srm-kb-cache-'));
  const file = join(dir, 'kb-cache.json');
  const data = copyOfData();
  const intents = join(dir, 'intents');
  cpSync(INTENTS, intents, { recursive: true });
  const loaded = loadEngineData({ dataDir: data, intentsDir: intents, orgFile: null });
  writeKbCache(loaded, data, intents, file);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('reads back exactly what was validated while no file changed', () => {
    const cached = readKbCache(data, intents, file);
    expect(cached?.kb).toEqual(loaded.kb);
    expect(cached?.intents).toEqual(loaded.intents);
  });

  it('is not used once a data file, a service file or an intent file changes', () => {
    writeFileSync(join(intents, 'extra.json'), '{}');
    expect(readKbCache(data, intents, file)).toBeUndefined();
    rmSync(join(intents, 'extra.json'));
    expect(readKbCache(data, intents, file)).toBeDefined();
    editService(data, 'rds', (s) => {
      s.summary = `${String(s.summary)} `;
    });
    expect(readKbCache(data, intents, file)).toBeUndefined();
  });

  it.each([
    ['a missing file', null],
    ['malformed JSON', '{not json'],
    ['another version', '{"version":0}'],
  ])('ignores %s (start-up is only slower)', (_, text) => {
    const bad = join(dir, `bad-${Math.random()}.json`);
    if (text !== null) writeFileSync(bad, text);
    expect(readKbCache(data, intents, bad)).toBeUndefined();
  });

  it('the entry points still refuse changed, broken data, naming the file and field', async () => {
    const broken = copyOfData();
    try {
      editService(broken, 'rds', (s) => {
        s.model = 'nonsense';
      });
      const start = startEngine({ dataDir: broken, intentsDir: null, orgFile: null, contextTtlMs: 1000 });
      await expect(start).rejects.toThrow(KnowledgeBaseError);
      await expect(start).rejects.toThrow(/services\/rds\.json.*model/s);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
