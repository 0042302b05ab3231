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

  describe('group commit: the writes asked for together share one transaction', () => {
    const fresh = () => {
      const file = join(root, `group${++n}`, 'srm.sqlite');
      return { file, open: () => openSqliteStore(file, { sweepIntervalMs: 0 }) };
    };

    it('gives each caller its own result, and one winner among claims of the same key', async () => {
      const { file, open } = fresh();
      const s = await open();
      const wins = await Promise.all([
        ...Array.from({ length: 5 }, () => s.claims.claim('same')),
        s.claims.claim('other'),
        s.context.set('k', { v: 1 }, 60_000),
      ]);
      expect(wins.slice(0, 5).filter(Boolean)).toHaveLength(1);
      expect(wins[5]).toBe(true);
      // Committed once the promises settle: another connection sees every row.
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT COUNT(*) AS n FROM claims').get()).toEqual({ n: 2 });
      expect(db.prepare('SELECT value FROM context').get()).toEqual({ value: '{"v":1}' });
      db.close();
      await s.close();
    });

    it('fails only the write that failed, not the others in its batch', async () => {
      const { file, open } = fresh();
      const s = await open();
      await s.claims.claim('warm-up');
      const db = new Database(file);
      db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON claims WHEN NEW.key = 'bad'
               BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
      db.close();
      const [a, bad, b] = await Promise.allSettled([
        s.claims.claim('a'),
        s.claims.claim('bad'),
        s.claims.claim('b'),
      ]);
      expect(a).toEqual({ status: 'fulfilled', value: true });
      expect(b).toEqual({ status: 'fulfilled', value: true });
      expect(bad.status).toBe('rejected');
      expect(String((bad as PromiseRejectedResult).reason)).toMatch(/refused by the test/);
      expect(await s.claims.claim('a')).toBe(false);
      await s.close();
    });

    it('commits the writes still waiting when the store closes, and refuses writes after', async () => {
      const { open } = fresh();
      const s = await open();
      const waiting = s.claims.claim('late');
      await s.close();
      expect(await waiting).toBe(true);
      const after = await s.claims.claim('later').catch((e: unknown) => e);
      expect(after).toBeInstanceOf(StoreError);
      const again = await open();
      expect(await again.claims.claim('late')).toBe(false);
      await again.close();
    });
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
