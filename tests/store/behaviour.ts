import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations.js';
import { STORE_TUNABLES } from '../../src/store/tunables.js';
import type { FeedbackInput, Store, StoreOptions } from '../../src/store/types.js';

/** One empty database of an engine; every `open` on it gives a store sharing the same data. */
export interface TestDatabase {
  open(options?: StoreOptions): Promise<Store>;
  /** Raw SQL on the database, for what the interface cannot do (a newer schema); absent in memory. */
  exec?(sql: string): Promise<void>;
}

export interface EngineHarness {
  name: string;
  newDatabase(): Promise<TestDatabase>;
}

const T0 = Date.parse('2026-12-01T12:00:00Z');

/**
 * The store's behaviour, the same for every engine: each engine's test file calls this with a harness
 * that makes empty databases of that engine.
 */
export function storeBehaviour(harness: () => EngineHarness): void {
  let t = T0;
  const now = () => t;
  let db: TestDatabase;
  const opened: Store[] = [];
  const open = async (extra: StoreOptions = {}) => {
    const s = await db.open({ now, sweepIntervalMs: 0, ...extra });
    opened.push(s);
    return s;
  };

  beforeEach(async () => {
    t = T0;
    db = await harness().newDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  describe('conversation context', () => {
    it('gives back what was set, replaced by the next set, and nothing after delete', async () => {
      const s = await open();
      expect(await s.context.get('slack:T1:C1')).toBeUndefined();
      const turn = {
        intent: 'ownership',
        service: 's3',
        topic: 'encryption',
        duty: null,
        dutyStems: ['enc'],
        at: t,
      };
      await s.context.set('slack:T1:C1', turn, 60_000);
      expect(await s.context.get('slack:T1:C1')).toEqual(turn);
      await s.context.set('slack:T1:C1', { ...turn, service: 'lambda' }, 60_000);
      expect(await s.context.get('slack:T1:C1')).toEqual({ ...turn, service: 'lambda' });
      expect(await s.context.get('slack:T1:C2')).toBeUndefined();
      await s.context.delete('slack:T1:C1');
      expect(await s.context.get('slack:T1:C1')).toBeUndefined();
    });

    it('keeps a copy: changing the object after set does not change what is stored', async () => {
      const s = await open();
      const value = { list: [1, 2], text: 'é ✓ "quoted"' };
      await s.context.set('k', value, 1000);
      value.list.push(3);
      expect(await s.context.get('k')).toEqual({ list: [1, 2], text: 'é ✓ "quoted"' });
    });

    it('keeps strings, numbers, booleans and null as JSON values', async () => {
      const s = await open();
      for (const [i, v] of ['text', 42, 1.5, true, null, [], {}].entries()) {
        await s.context.set(`v${i}`, v, 1000);
        expect(await s.context.get(`v${i}`)).toEqual(v);
      }
    });

    it('refuses a value JSON cannot carry', async () => {
      const s = await open();
      await expect(s.context.set('k', undefined, 1000)).rejects.toThrow(/JSON/);
    });

    it('forgets a value once its time to live has passed, and the sweep deletes it', async () => {
      const s = await open();
      await s.context.set('a', { n: 1 }, 1000);
      await s.context.set('b', { n: 2 }, 5000);
      t += 999;
      expect(await s.context.get('a')).toEqual({ n: 1 });
      t += 1;
      expect(await s.context.get('a')).toBeUndefined();
      expect(await s.sweep()).toBe(1);
      expect(await s.context.get('b')).toEqual({ n: 2 });
      await s.context.set('a', { n: 3 }, 1000);
      expect(await s.context.get('a')).toEqual({ n: 3 });
    });
  });

  describe('event claims', () => {
    it('lets the first claim of a key win and refuses the repeats', async () => {
      const s = await open();
      expect(await s.claims.claim('slack:Ev1')).toBe(true);
      expect(await s.claims.claim('slack:Ev1')).toBe(false);
      expect(await s.claims.claim('slack:Ev1')).toBe(false);
      expect(await s.claims.claim('slack:Ev2')).toBe(true);
      expect(await s.claims.claim('teams:Ev1')).toBe(true);
    });

    it('expires a claim after about ten minutes by default, then the key can be claimed again', async () => {
      const s = await open();
      expect(STORE_TUNABLES.claimTtlMs).toBe(600_000);
      expect(await s.claims.claim('e')).toBe(true);
      t += STORE_TUNABLES.claimTtlMs - 1;
      expect(await s.claims.claim('e')).toBe(false);
      t += 1;
      expect(await s.claims.claim('e')).toBe(true);
      expect(await s.claims.claim('e')).toBe(false);
    });

    it('honours a shorter time to live, and the sweep deletes expired claims only', async () => {
      const s = await open();
      expect(await s.claims.claim('short', 1000)).toBe(true);
      expect(await s.claims.claim('long', 60_000)).toBe(true);
      t += 1000;
      expect(await s.sweep()).toBe(1);
      expect(await s.claims.claim('long')).toBe(false);
      expect(await s.claims.claim('short')).toBe(true);
    });

    it('gives each key to exactly one of two stores on the same database claiming together', async () => {
      const a = await open();
      const b = await open();
      const keys = Array.from({ length: 100 }, (_, i) => `retry:${i}`);
      const results = await Promise.all(
        keys.flatMap((k, i) =>
          (i % 2 ? [a, b] : [b, a]).map(async (s) => ({ k, won: await s.claims.claim(k) })),
        ),
      );
      for (const k of keys) {
        expect(results.filter((r) => r.k === k && r.won)).toHaveLength(1);
      }
    });
  });

  describe('feedback and unanswered questions', () => {
    const row = (over: Partial<FeedbackInput>): FeedbackInput => ({
      platform: 'slack',
      team: 'T1',
      userHash: 'abcd1234abcd1234',
      question: 'who patches rds?',
      answered: 'rds.maintenance-window',
      verdict: 'helpful',
      ...over,
    });

    it('keeps every row as written, oldest first, within the period asked for', async () => {
      const s = await open();
      await s.feedback.append(row({}));
      t += 1000;
      await s.feedback.append(row({ platform: 'teams', team: 'tenant-1', verdict: 'not_quite' }));
      await s.feedback.append(
        row({
          platform: 'cli',
          team: null,
          answered: null,
          verdict: 'unanswered',
          question: 'what is love?',
        }),
      );
      await s.feedback.append(row({ at: new Date(T0 - 60_000), question: 'earlier' }));
      const rows = await s.feedback.rows(new Date(T0), new Date(T0 + 2000));
      // Rows written without a key or a team read back with null in both.
      const written = (r: FeedbackInput) => ({ ...r, answerKey: null, askedTeam: null });
      expect(rows.map(({ id: _, ...r }) => r)).toEqual([
        written({ ...row({}), at: new Date(T0) }),
        written({
          ...row({ platform: 'teams', team: 'tenant-1', verdict: 'not_quite' }),
          at: new Date(T0 + 1000),
        }),
        written({
          ...row({
            platform: 'cli',
            team: null,
            answered: null,
            verdict: 'unanswered',
            question: 'what is love?',
          }),
          at: new Date(T0 + 1000),
        }),
      ]);
      expect(rows[1]?.id).toBeGreaterThan(rows[0]?.id ?? Number.POSITIVE_INFINITY);
      expect(await s.feedback.rows(new Date(0), new Date(T0 + 2000))).toHaveLength(4);
    });

    it('appends a batch whole, or not at all when one row is bad', async () => {
      const s = await open();
      await s.feedback.appendMany([row({ question: 'one' }), row({ question: 'two' })]);
      await expect(
        s.feedback.appendMany([row({ question: 'three' }), row({ verdict: 'great' as never })]),
      ).rejects.toThrow(/verdict/);
      await s.feedback.appendMany([]);
      const rows = await s.feedback.rows(new Date(0), new Date(T0 + 1));
      expect(rows.map((r) => r.question)).toEqual(['one', 'two']);
    });

    it('refuses an unknown platform or verdict', async () => {
      const s = await open();
      await expect(s.feedback.append(row({ platform: 'discord' as never }))).rejects.toThrow(/platform/);
      await expect(s.feedback.append(row({ verdict: 'meh' as never }))).rejects.toThrow(/verdict/);
    });

    it('reports unanswered and "not quite" questions of a period grouped by what was answered', async () => {
      const s = await open();
      const at = (minutes: number) => new Date(T0 + minutes * 60_000);
      await s.feedback.appendMany([
        row({ at: at(0), verdict: 'not_quite', question: 'who patches rds?' }),
        row({ at: at(1), verdict: 'not_quite', question: 'who patches rds?' }),
        row({ at: at(2), verdict: 'not_quite', question: 'rds os updates?' }),
        row({ at: at(3), verdict: 'helpful', question: 'who patches rds?' }),
        row({ at: at(4), verdict: 'unanswered', answered: 's3/encryption', question: 'is s3 encrypted?' }),
        row({ at: at(5), verdict: 'unanswered', answered: null, question: 'what is love?' }),
        row({ at: at(6), verdict: 'unanswered', answered: null, question: 'what is love?' }),
        row({ at: at(7), verdict: 'unanswered', answered: null, question: 'pizza?' }),
        row({ at: at(8), verdict: 'unanswered', answered: null, question: 'outside the period' }),
        row({ at: at(-1), verdict: 'not_quite', question: 'before the period' }),
      ]);
      const report = await s.feedback.report(at(0), at(8));
      expect(report).toEqual({
        since: at(0),
        until: at(8),
        total: 7,
        groups: [
          {
            answered: null,
            unanswered: 3,
            notQuite: 0,
            total: 3,
            questions: [
              { question: 'what is love?', verdict: 'unanswered', count: 2 },
              { question: 'pizza?', verdict: 'unanswered', count: 1 },
            ],
          },
          {
            answered: 'rds.maintenance-window',
            unanswered: 0,
            notQuite: 3,
            total: 3,
            questions: [
              { question: 'who patches rds?', verdict: 'not_quite', count: 2 },
              { question: 'rds os updates?', verdict: 'not_quite', count: 1 },
            ],
          },
          {
            answered: 's3/encryption',
            unanswered: 1,
            notQuite: 0,
            total: 1,
            questions: [{ question: 'is s3 encrypted?', verdict: 'unanswered', count: 1 }],
          },
        ],
        teams: [],
      });
      expect(await s.feedback.report(at(100), at(200))).toEqual({
        since: at(100),
        until: at(200),
        total: 0,
        groups: [],
        teams: [],
      });
    });

    it('keeps one verdict per answer key: a newer click replaces the row, an older one is dropped', async () => {
      const s = await open();
      const key = 'slack:answer-1-alice';
      await s.feedback.append(row({ answerKey: key, verdict: 'helpful' }));
      await s.feedback.append(row({ answerKey: null, verdict: 'helpful', question: 'unkeyed' }));
      await s.feedback.append(row({ verdict: 'helpful', question: 'unkeyed' }));
      const [first] = await s.feedback.rows(new Date(0), new Date(T0 + 1));
      t += 1000;
      await s.feedback.append(row({ answerKey: key, verdict: 'not_quite' }));
      await s.feedback.append(row({ answerKey: 'slack:answer-1-bob', userHash: 'b0b', verdict: 'helpful' }));
      // A click older than the stored one (a slow replica, a retry) does not undo the newer verdict.
      await s.feedback.append(row({ answerKey: key, verdict: 'helpful', at: new Date(T0 + 500) }));

      const rows = await s.feedback.rows(new Date(0), new Date(T0 + 2000));
      expect(rows.map((r) => [r.question, r.answerKey, r.verdict])).toEqual([
        ['unkeyed', null, 'helpful'],
        ['unkeyed', null, 'helpful'],
        ['who patches rds?', key, 'not_quite'],
        ['who patches rds?', 'slack:answer-1-bob', 'helpful'],
      ]);
      const mine = rows.find((r) => r.answerKey === key);
      expect(mine).toMatchObject({ id: first?.id, at: new Date(T0 + 1000), askedTeam: null });
      const report = await s.feedback.report(new Date(0), new Date(T0 + 2000));
      expect(report.total).toBe(1);
      expect(report.groups[0]?.questions).toEqual([
        { question: 'who patches rds?', verdict: 'not_quite', count: 1 },
      ]);
    });

    it('replaces by key at equal times too: the later write wins', async () => {
      const s = await open();
      await s.feedback.append(row({ answerKey: 'k', verdict: 'not_quite' }));
      await s.feedback.append(row({ answerKey: 'k', verdict: 'helpful' }));
      const rows = await s.feedback.rows(new Date(0), new Date(T0 + 1));
      expect(rows.map((r) => r.verdict)).toEqual(['helpful']);
    });

    it('keeps the latest row of each key within one batch', async () => {
      const s = await open();
      await s.feedback.appendMany([
        row({ answerKey: 'k1', verdict: 'helpful', at: new Date(T0 + 2) }),
        row({ answerKey: 'k1', verdict: 'not_quite', at: new Date(T0 + 1) }),
        row({ answerKey: 'k2', verdict: 'helpful' }),
        row({ answerKey: 'k2', verdict: 'not_quite' }),
        row({ question: 'plain' }),
      ]);
      const rows = await s.feedback.rows(new Date(0), new Date(T0 + 10));
      expect(rows.map((r) => [r.answerKey, r.verdict])).toEqual([
        ['k2', 'not_quite'],
        [null, 'helpful'],
        ['k1', 'helpful'],
      ]);
    });

    it('leaves one row per key when two stores on the same database write it together', async () => {
      const a = await open();
      const b = await open();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).feedback.append(
            row({ answerKey: `k${i % 4}`, verdict: i % 3 ? 'helpful' : 'not_quite' }),
          ),
        ),
      );
      const rows = await a.feedback.rows(new Date(0), new Date(T0 + 1));
      expect(rows.map((r) => r.answerKey).sort()).toEqual(['k0', 'k1', 'k2', 'k3']);
    });

    it('keeps the team asked on ask_team rows and reports them per team', async () => {
      const s = await open();
      const ask = (askedTeam: string, question: string, over: Partial<FeedbackInput> = {}) =>
        row({ verdict: 'ask_team', askedTeam, question, ...over });
      await s.feedback.appendMany([
        ask('db-platform', 'who patches rds?'),
        ask('db-platform', 'who patches rds?'),
        ask('db-platform', 'rds backups?', { answered: 'rds.backup-retention' }),
        ask('security', 'who rotates kms keys?', { answered: null }),
        ask('security', 'outside', { at: new Date(T0 + 5000) }),
        row({ verdict: 'not_quite' }),
      ]);
      const rows = await s.feedback.rows(new Date(0), new Date(T0 + 1));
      expect(rows.filter((r) => r.verdict === 'ask_team').map((r) => r.askedTeam)).toEqual([
        'db-platform',
        'db-platform',
        'db-platform',
        'security',
      ]);
      const report = await s.feedback.report(new Date(T0), new Date(T0 + 1000));
      expect(report.total).toBe(1);
      expect(report.teams).toEqual([
        {
          team: 'db-platform',
          total: 3,
          questions: [
            { question: 'who patches rds?', answered: 'rds.maintenance-window', count: 2 },
            { question: 'rds backups?', answered: 'rds.backup-retention', count: 1 },
          ],
        },
        {
          team: 'security',
          total: 1,
          questions: [{ question: 'who rotates kms keys?', answered: null, count: 1 }],
        },
      ]);
    });

    it('refuses an ask_team row without its team, a team on another row, or an empty key', async () => {
      const s = await open();
      await expect(s.feedback.append(row({ verdict: 'ask_team' }))).rejects.toThrow(/askedTeam/);
      await expect(s.feedback.append(row({ verdict: 'helpful', askedTeam: 'security' }))).rejects.toThrow(
        /askedTeam/,
      );
      await expect(s.feedback.append(row({ answerKey: '' }))).rejects.toThrow(/answerKey/);
      expect(await s.feedback.rows(new Date(0), new Date(T0 + 1))).toEqual([]);
    });
  });

  describe('onboarding progress', () => {
    it('keeps one document per user, replaced by put', async () => {
      const s = await open();
      expect(await s.progress.get('slack:T1:U1')).toBeUndefined();
      await s.progress.put('slack:T1:U1', { step: 1, seen: ['welcome'] });
      await s.progress.put('slack:T1:U2', { step: 3, seen: [] });
      await s.progress.put('slack:T1:U1', { step: 2, seen: ['welcome', 'ask'] });
      expect(await s.progress.get('slack:T1:U1')).toEqual({ step: 2, seen: ['welcome', 'ask'] });
      expect(await s.progress.get('slack:T1:U2')).toEqual({ step: 3, seen: [] });
    });
  });

  describe('Slack installations', () => {
    it('keeps an opaque value per installation id until deleted', async () => {
      const s = await open();
      expect(await s.installations.get('T1')).toBeUndefined();
      await s.installations.put('T1', 'v1:sealed:AAAA');
      await s.installations.put('E9', 'v1:sealed:BBBB');
      await s.installations.put('T1', 'v1:sealed:CCCC');
      expect(await s.installations.get('T1')).toBe('v1:sealed:CCCC');
      expect(await s.installations.get('E9')).toBe('v1:sealed:BBBB');
      await s.installations.delete('T1');
      await s.installations.delete('T404');
      expect(await s.installations.get('T1')).toBeUndefined();
      expect(await s.installations.get('E9')).toBe('v1:sealed:BBBB');
    });
  });

  describe('migrations and restarts', () => {
    it('applies every migration once, and again none on reopen', async () => {
      const all = MIGRATIONS.map((m) => m.version);
      expect(all).toEqual([...all].sort((x, y) => x - y));
      const first = await open();
      expect(await first.migrations()).toEqual(all);
      await first.close();
      const second = await open();
      expect(await second.migrations()).toEqual(all);
    });

    it('opens one new database from two stores at once', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      expect(await a?.migrations()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await b?.migrations()).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('keeps everything across close and reopen', async () => {
      const s = await open();
      await s.context.set('c', { topic: 'iam' }, 60_000);
      await s.claims.claim('ev');
      await s.feedback.append({
        platform: 'teams',
        team: 'tenant',
        userHash: 'u',
        question: 'q',
        answered: null,
        verdict: 'unanswered',
      });
      await s.progress.put('u', { step: 4 });
      await s.installations.put('T1', 'sealed');
      await s.close();
      await s.close(); // closing twice is harmless

      const again = await open();
      expect(await again.context.get('c')).toEqual({ topic: 'iam' });
      expect(await again.claims.claim('ev')).toBe(false);
      expect((await again.feedback.rows(new Date(0), new Date(T0 + 1))).map((r) => r.question)).toEqual([
        'q',
      ]);
      expect(await again.progress.get('u')).toEqual({ step: 4 });
      expect(await again.installations.get('T1')).toBe('sealed');
    });

    it('refuses a database migrated by a newer srm-bot', async () => {
      if (!db.exec) return; // the in-memory engine has no schema
      await (await open()).close();
      await db.exec(
        `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${LATEST_VERSION + 1}, 'future', 'x')`,
      );
      const err = await db.open({ now, sweepIntervalMs: 0 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('STORE_TOO_NEW');
      expect((err as StoreError).message).toMatch(/upgrade srm-bot/);
    });
  });

  describe('the sweep timer', () => {
    it('deletes expired rows on its own', async () => {
      const timed = await open({ sweepIntervalMs: 20 });
      const manual = await open();
      await timed.context.set('gone', 1, 10);
      expect(await manual.claims.claim('gone too', 10)).toBe(true);
      t += 10;
      await new Promise((r) => setTimeout(r, 200));
      // The timed store's sweep got there first: nothing expired is left for a manual sweep.
      expect(await manual.sweep()).toBe(0);
    });
  });
}
