import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATIONS_TABLE } from '../../src/store/migrations.js';
import type { Store } from '../../src/store/types.js';
import type { EngineHarness, TestDatabase } from './behaviour.js';

const T0 = Date.parse('2026-11-20T08:00:00Z');

/**
 * Upgrading a database made by an older srm-bot: the SQL engines' schema is built with the released
 * migrations up to `from`, exactly as that version left it, filled with rows through raw SQL, then
 * opened by this code. The in-memory engine has no schema and does not run this.
 */
export function upgradeBehaviour(harness: () => EngineHarness & { name: 'sqlite' | 'postgres' }): void {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  /** A database at schema version `from`, as the srm-bot that stopped there made it. */
  const databaseAt = async (from: number) => {
    const h = harness();
    const db = await h.newDatabase();
    const exec = db.exec;
    if (!exec) throw new Error(`${h.name} harness must run SQL`);
    await exec(MIGRATIONS_TABLE);
    for (const m of MIGRATIONS.filter((x) => x.version <= from)) {
      await exec(h.name === 'sqlite' ? m.sqlite : m.postgres);
      await exec(
        `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${m.version}, 'v${m.version}', 'then')`,
      );
    }
    const at = (minutes: number) => {
      const ms = T0 + minutes * 60_000;
      return h.name === 'sqlite' ? String(ms) : `to_timestamp(${ms} / 1000.0)`;
    };
    return { db, exec, at };
  };
  const open = async (db: TestDatabase) => {
    const s = await db.open({ now: () => T0 + 60 * 60_000, sweepIntervalMs: 0 });
    opened.push(s);
    return s;
  };

  describe('upgrading a database at schema version 2 (migration 3: answer_key, asked_team)', () => {
    it('keeps the old rows, counted as before, and keys new clicks from then on', async () => {
      const { db, exec, at } = await databaseAt(2);
      const old = (minutes: number, verdict: string, question: string, answered: string | null) =>
        `INSERT INTO feedback (at, platform, team, user_hash, question, answered, verdict) VALUES
         (${at(minutes)}, 'slack', 'T1', 'aaaa', '${question}', ${answered ? `'${answered}'` : 'NULL'}, '${verdict}')`;
      // Before migration 3 a user's 👍 then 👎 on one answer left two rows; they stay two.
      await exec(old(0, 'helpful', 'who patches rds?', 'rds.maintenance-window'));
      await exec(old(1, 'not_quite', 'who patches rds?', 'rds.maintenance-window'));
      await exec(old(2, 'not_quite', 'who patches rds?', 'rds.maintenance-window'));
      await exec(old(3, 'unanswered', 'what is love?', null));

      const s = await open(db);
      expect(await s.migrations()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await s.migrations()).toContain(3);
      const since = new Date(T0);
      const until = new Date(T0 + 30 * 60_000);
      const before = await s.feedback.rows(since, until);
      expect(before.map((r) => [r.id, r.verdict, r.answerKey, r.askedTeam])).toEqual([
        [1, 'helpful', null, null],
        [2, 'not_quite', null, null],
        [3, 'not_quite', null, null],
        [4, 'unanswered', null, null],
      ]);
      expect(before[0]?.at).toEqual(new Date(T0));
      const report = await s.feedback.report(since, until);
      expect(report.total).toBe(3);
      expect(report.groups.map((g) => [g.answered, g.unanswered, g.notQuite])).toEqual([
        ['rds.maintenance-window', 0, 2],
        [null, 1, 0],
      ]);
      expect(report.teams).toEqual([]);

      // New rows: a keyed verdict replaced by the next click, an ask with its team, a plain row.
      const click = {
        platform: 'slack',
        team: 'T1',
        userHash: 'aaaa',
        question: 'who patches rds?',
      } as const;
      const answered = 'rds.maintenance-window';
      await s.feedback.append({
        ...click,
        answered,
        verdict: 'helpful',
        answerKey: 'slack:k',
        at: new Date(T0 + 600_000),
      });
      await s.feedback.append({
        ...click,
        answered,
        verdict: 'not_quite',
        answerKey: 'slack:k',
        at: new Date(T0 + 660_000),
      });
      await s.feedback.append({
        ...click,
        answered,
        verdict: 'ask_team',
        askedTeam: 'db-platform',
        at: new Date(T0 + 720_000),
      });
      await s.feedback.append({
        ...click,
        answered: null,
        verdict: 'unanswered',
        at: new Date(T0 + 780_000),
      });
      const after = await s.feedback.rows(since, until);
      expect(after.slice(0, 4)).toEqual(before);
      expect(after.slice(4).map((r) => [r.verdict, r.answerKey, r.askedTeam])).toEqual([
        ['not_quite', 'slack:k', null],
        ['ask_team', null, 'db-platform'],
        ['unanswered', null, null],
      ]);
      // New ids follow the old ones (PostgreSQL's sequence may skip a number on an upsert).
      const ids = after.map((r) => r.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).toBe(ids.length);
      const now = await s.feedback.report(since, until);
      expect(now.total).toBe(5);
      expect(now.groups[0]).toMatchObject({ answered, notQuite: 3 });
      expect(now.teams).toEqual([
        { team: 'db-platform', total: 1, questions: [{ question: 'who patches rds?', answered, count: 1 }] },
      ]);
      await s.close();

      // The database itself refuses what the code refuses: a made-up verdict, an ask without its team,
      // a second row with a key already stored.
      const raw = (verdict: string, askedTeam: string | null, key: string | null) =>
        exec(
          `INSERT INTO feedback (at, platform, team, user_hash, question, answered, verdict, asked_team, answer_key)
           VALUES (${at(20)}, 'slack', 'T1', 'bbbb', 'q', NULL, '${verdict}',
                   ${askedTeam ? `'${askedTeam}'` : 'NULL'}, ${key ? `'${key}'` : 'NULL'})`,
        );
      await expect(raw('great', null, null)).rejects.toThrow(/CHECK|check/);
      await expect(raw('ask_team', null, null)).rejects.toThrow(/CHECK|check/);
      await expect(raw('helpful', 'security', null)).rejects.toThrow(/CHECK|check/);
      await expect(raw('helpful', null, 'slack:k')).rejects.toThrow(/UNIQUE|unique/);
      await raw('helpful', null, null);
      await raw('helpful', null, null); // rows without a key never collide

      const again = await open(db);
      expect(await again.migrations()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await again.feedback.rows(since, until)).toHaveLength(9);
    });

    it('upgrades an empty database at version 2 too, and opens it from two stores at once', async () => {
      const { db } = await databaseAt(2);
      const [a, b] = await Promise.all([open(db), open(db)]);
      expect(await a?.migrations()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await b?.migrations()).toEqual(MIGRATIONS.map((m) => m.version));
      await a?.feedback.append({
        platform: 'teams',
        team: 'tenant',
        userHash: 'u',
        question: 'q',
        answered: null,
        verdict: 'ask_team',
        askedTeam: 'security',
      });
      expect((await b?.feedback.report(new Date(0), new Date(T0 * 2)))?.teams).toHaveLength(1);
    });
  });
}
