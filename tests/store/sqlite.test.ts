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

  describe('local claims: decided at once by this process (SQLite is for one instance)', () => {
    const fresh = () => {
      const file = join(root, `local${++n}`, 'srm.sqlite');
      return { file, open: () => openSqliteStore(file, { sweepIntervalMs: 0 }) };
    };
    const committed = (file: string, key: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT COUNT(*) AS n FROM claims WHERE key = ?').get(key);
      } finally {
        db.close();
      }
    };

    it('answers at once, refuses a repeat before the commit, and commits with the next group commit', async () => {
      const { file, open } = fresh();
      const s = await open();
      const local = s.claims.local;
      if (!local) throw new Error('SQLite has local claims');
      expect(local.claim('k')).toBe(true);
      expect(local.held('k')).toBe(true);
      expect(local.claim('k')).toBe(false);
      // Not yet in the file: the claim is written with the next turn's commit.
      expect(committed(file, 'k')).toEqual({ n: 0 });
      await new Promise((r) => setImmediate(r));
      expect(committed(file, 'k')).toEqual({ n: 1 });
      // The store's own claim agrees, and a claim queued but not committed is held too.
      expect(await s.claims.claim('k')).toBe(false);
      const queued = s.claims.claim('q');
      expect(local.held('q')).toBe(true);
      expect(local.claim('q')).toBe(false);
      expect(await queued).toBe(true);
      await s.close();
    });

    it('sees what another store on the file committed, and expires like a claim', async () => {
      let t = 1_000_000;
      const { file } = fresh();
      const a = await openSqliteStore(file, { sweepIntervalMs: 0, now: () => t });
      const b = await openSqliteStore(file, { sweepIntervalMs: 0, now: () => t });
      expect(await a.claims.claim('x', 1000)).toBe(true);
      expect(b.claims.local?.held('x')).toBe(true);
      expect(b.claims.local?.claim('x', 1000)).toBe(false);
      t += 1000;
      expect(b.claims.local?.held('x')).toBe(false);
      expect(b.claims.local?.claim('x', 1000)).toBe(true);
      await a.close();
      await b.close();
    });

    it('tells whether any live claim starts with a prefix, queued or committed', async () => {
      let t = 1_000_000;
      const { file } = fresh();
      const s = await openSqliteStore(file, { sweepIntervalMs: 0, now: () => t });
      const local = s.claims.local;
      if (!local) throw new Error('SQLite has local claims');
      expect(local.anyHeld('slack:signature:')).toBe(false);
      await s.claims.claim('slack:event:E1');
      expect(local.anyHeld('slack:signature:')).toBe(false);
      expect(local.claim('slack:signature:1700000000:v0=ab', 1000)).toBe(true);
      expect(local.anyHeld('slack:signature:')).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(local.anyHeld('slack:signature:')).toBe(true);
      expect(local.anyHeld('slack:signaturf')).toBe(false);
      t += 1000;
      expect(local.anyHeld('slack:signature:')).toBe(false);
      await s.close();
    });

    it('reads a context value written in this turn without committing it first', async () => {
      const { file, open } = fresh();
      const s = await open();
      const saved = s.context.set('c', { v: 2 }, 60_000);
      expect(await s.context.get('c')).toEqual({ v: 2 });
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT COUNT(*) AS n FROM context').get()).toEqual({ n: 0 });
      await saved;
      expect(db.prepare('SELECT value FROM context').get()).toEqual({ value: '{"v":2}' });
      const deleted = s.context.delete('c');
      expect(await s.context.get('c')).toBeUndefined();
      await deleted;
      expect(await s.context.get('c')).toBeUndefined();
      db.close();
      await s.close();
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
