import pg from 'pg';
import { StoreError } from './errors.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import {
  buildReport,
  checkNotNewer,
  encodeJson,
  type ReportCount,
  resolveFeedback,
  startSweeper,
  type TeamCount,
} from './shared.js';
import { STORE_TUNABLES } from './tunables.js';
import type { FeedbackInput, FeedbackRow, Platform, Store, StoreOptions, Verdict } from './types.js';

/** Any constant shared by every srm-bot process: the advisory lock that serializes migrations. */
const MIGRATION_LOCK = 7_301_013;

interface FeedbackDbRow {
  id: string;
  at: Date;
  platform: Platform;
  team: string | null;
  user_hash: string;
  question: string;
  answered: string | null;
  verdict: Verdict;
  answer_key: string | null;
  asked_team: string | null;
}

/**
 * Inserts rows given as parallel arrays, in one statement (all rows land or none do). A keyed row
 * replaces the stored row with its key unless that one is newer (the latest click wins).
 */
const INSERT_FEEDBACK = `
  INSERT INTO feedback (at, platform, team, user_hash, question, answered, verdict, answer_key, asked_team)
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                       $7::text[], $8::text[], $9::text[])
  ON CONFLICT (answer_key) DO UPDATE SET
    at = EXCLUDED.at, platform = EXCLUDED.platform, team = EXCLUDED.team, user_hash = EXCLUDED.user_hash,
    question = EXCLUDED.question, answered = EXCLUDED.answered, verdict = EXCLUDED.verdict,
    asked_team = EXCLUDED.asked_team
  WHERE EXCLUDED.at >= feedback.at`;

/**
 * The shared engine for several replicas. De-duplication rests on the claims table's primary key
 * (an INSERT … ON CONFLICT that only takes over an expired claim), so two replicas claiming the same
 * event at the same moment get one true and one false. Expiry is a timestamptz column: reads ignore
 * expired rows and a periodic sweep deletes them. Context and progress are jsonb (key order inside an
 * object is not kept).
 */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const now = options.now ?? Date.now;
  const pool = new pg.Pool({ connectionString: url, max: STORE_TUNABLES.postgresPoolSize });
  // Context and claims go through connections with asynchronous commit: visible to every replica at
  // once as usual, but the commit does not wait for the server's WAL fsync (several ms on a slow
  // disk, twice per message). A crash of the database server, not of a replica, may lose the last
  // fraction of a second of them: a forgotten follow-up or a retry answered twice. Feedback,
  // progress and installations keep synchronous commits.
  const fast = new pg.Pool({
    connectionString: url,
    max: STORE_TUNABLES.postgresPoolSize,
    options: '-c synchronous_commit=off',
  });
  const reportError =
    options.onSweepError ??
    ((err: unknown) => process.emitWarning(`srm store: PostgreSQL: ${String(err)}`, 'SrmStoreWarning'));
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', reportError);
  fast.on('error', reportError);
  const endPools = () => Promise.all([pool.end(), fast.end()]);
  try {
    await migrate(pool);
  } catch (err) {
    await endPools().catch(() => {});
    if (err instanceof StoreError) throw err;
    throw new StoreError(
      'STORE_OPEN',
      `cannot open the PostgreSQL store at ${redactedUrl(url)} (DATABASE_URL): ${(err as Error).message}`,
      { cause: err },
    );
  }

  const at = (ms: number) => new Date(ms);
  const sweep = async () => {
    const t = at(now());
    const c = await fast.query('DELETE FROM context WHERE expires_at <= $1', [t]);
    const k = await fast.query('DELETE FROM claims WHERE expires_at <= $1', [t]);
    return (c.rowCount ?? 0) + (k.rowCount ?? 0);
  };
  const stopSweeper = startSweeper(sweep, options);
  let closed = false;
  const appendFeedback = async (input: readonly FeedbackInput[]) => {
    const rows = resolveFeedback(input, now);
    if (rows.length === 0) return;
    await pool.query(INSERT_FEEDBACK, [
      rows.map((r) => r.at),
      rows.map((r) => r.platform),
      rows.map((r) => r.team),
      rows.map((r) => r.userHash),
      rows.map((r) => r.question),
      rows.map((r) => r.answered),
      rows.map((r) => r.verdict),
      rows.map((r) => r.answerKey),
      rows.map((r) => r.askedTeam),
    ]);
  };

  return {
    engine: 'postgres',
    context: {
      async get(key) {
        const r = await fast.query<{ value: unknown }>(
          'SELECT value FROM context WHERE key = $1 AND expires_at > $2',
          [key, at(now())],
        );
        return r.rows[0]?.value;
      },
      async set(key, value, ttlMs) {
        await fast.query(
          `INSERT INTO context (key, value, expires_at) VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
          [key, encodeJson(value), at(now() + ttlMs)],
        );
      },
      async delete(key) {
        await fast.query('DELETE FROM context WHERE key = $1', [key]);
      },
    },
    claims: {
      async claim(key, ttlMs = STORE_TUNABLES.claimTtlMs) {
        const t = now();
        const r = await fast.query(
          `INSERT INTO claims (key, expires_at) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE claims.expires_at <= $3`,
          [key, at(t + ttlMs), at(t)],
        );
        return r.rowCount === 1;
      },
    },
    feedback: {
      async append(row) {
        await appendFeedback([row]);
      },
      appendMany: appendFeedback,
      async rows(since, until) {
        const r = await pool.query<FeedbackDbRow>(
          'SELECT * FROM feedback WHERE at >= $1 AND at < $2 ORDER BY at, id',
          [since, until],
        );
        return r.rows.map(fromDb);
      },
      async report(since, until) {
        const r = await pool.query<ReportCount>(
          `SELECT answered, verdict, question, count(*)::int AS count FROM feedback
           WHERE verdict IN ('unanswered', 'not_quite') AND at >= $1 AND at < $2
           GROUP BY answered, verdict, question`,
          [since, until],
        );
        const t = await pool.query<TeamCount>(
          `SELECT asked_team, answered, question, count(*)::int AS count FROM feedback
           WHERE verdict = 'ask_team' AND at >= $1 AND at < $2
           GROUP BY asked_team, answered, question`,
          [since, until],
        );
        return buildReport(r.rows, t.rows, since, until);
      },
    },
    progress: {
      async get(userKey) {
        const r = await pool.query<{ doc: unknown }>('SELECT doc FROM progress WHERE user_key = $1', [
          userKey,
        ]);
        return r.rows[0]?.doc;
      },
      async put(userKey, doc) {
        await pool.query(
          `INSERT INTO progress (user_key, doc, updated_at) VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (user_key) DO UPDATE SET doc = EXCLUDED.doc, updated_at = EXCLUDED.updated_at`,
          [userKey, encodeJson(doc), at(now())],
        );
      },
    },
    installations: {
      async get(id) {
        const r = await pool.query<{ value: string }>('SELECT value FROM installations WHERE id = $1', [id]);
        return r.rows[0]?.value;
      },
      async put(id, sealed) {
        await pool.query(
          `INSERT INTO installations (id, value, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
          [id, sealed, at(now())],
        );
      },
      async delete(id) {
        await pool.query('DELETE FROM installations WHERE id = $1', [id]);
      },
    },
    sweep,
    async migrations() {
      const r = await pool.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      return r.rows.map((x) => x.version);
    },
    async close() {
      if (closed) return;
      closed = true;
      stopSweeper();
      await endPools();
    },
  };
}

/** Applies the missing migrations in one transaction under an advisory lock (replicas start together). */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE);
    const applied = (
      await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    ).rows.map((r) => r.version);
    checkNotNewer(applied, 'the PostgreSQL database (DATABASE_URL)');
    for (const m of MIGRATIONS) {
      if (applied.includes(m.version)) continue;
      await client.query(m.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** host:port/database of a connection URL, without the user name or password. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

function fromDb(r: FeedbackDbRow): FeedbackRow {
  return {
    id: Number(r.id),
    at: r.at,
    platform: r.platform,
    team: r.team,
    userHash: r.user_hash,
    question: r.question,
    answered: r.answered,
    verdict: r.verdict,
    answerKey: r.answer_key,
    askedTeam: r.asked_team,
  };
}
