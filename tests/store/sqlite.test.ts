import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { type EngineHarness, storeBehaviour } from './behaviour.js';
import { upgradeBehaviour } from './upgrade.js';

const root = mkdtempSync(join(tmpdir(), 'srm-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const harness: EngineHarness & { name: 'sqlite' } = {
  name: 'sqlite',
  async newDatabase() {
    const file = join(root, `db${++n}`, 'srm.sqlite');
    return {
      open: (options) => openSqliteStore(file, options),
      async exec(sql) {
        mkdirSync(dirname(file), { recursive: true });
        const db = new Database(file);
        db.exec(sql);
        db.close();
      },
    };
  },
};

describe('SQLite store', () => {
  storeBehaviour(() => harness);
  upgradeBehaviour(() => harness);

  it('creates its folder and one file in WAL mode', async () => {
    const file = join(root, 'fresh', 'nested', 'srm.sqlite');
    const s = await openSqliteStore(file, { sweepIntervalMs: 0 });
    await s.context.set('k', 1, 1000);
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    await s.close();
  });

  it('names the folder setting when the file cannot be opened', async () => {
    // A folder path that runs through a file (mkdir on /proc loops forever in Node 20: avoid it).
    const aFile = join(root, 'a-file');
    writeFileSync(aFile, '');
    const err = await openSqliteStore(join(aFile, 'state', 'srm.sqlite')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('STORE_OPEN');
    expect((err as StoreError).message).toMatch(/SRM_STATE_DIR/);
  });
});
