import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import {
  buildReport,
  checkNotNewer,
  encodeJson,
  type ReportCount,
  type ResolvedFeedback,
  resolveFeedback,
  startSweeper,
  type TeamCount,
} from './shared.js';
import { STORE_TUNABLES } from './tunables.js';
import type { FeedbackRow, Platform, Store, StoreOptions, Verdict } from './types.js';

interface FeedbackDbRow {
  id: number;
  at: number;
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
 * The embedded engine: one SQLite file in WAL mode (readers never wait for the writer, and several
 * processes may share the file). `synchronous = NORMAL` makes each commit durable against a crash of
 * the process (the kill test checks it) but not against a power cut, which may lose the last commits:
 * for context and claims that is harmless, and it keeps a write to a few microseconds instead of an
 * fsync. Calls are synchronous underneath; the Promise is only the interface's shape.
 */
export async function openSqliteStore(file: string, options: StoreOptions = {}): Promise<Store> {
  const now = options.now ?? Date.now;
  let db: Database.Database;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: STORE_TUNABLES.sqliteBusyTimeoutMs });
  } catch (err) {
    throw new StoreError(
      'STORE_OPEN',
      `cannot open the SQLite store ${file}: ${(err as Error).message} (SRM_STATE_DIR names its folder, which must be writable)`,
      { cause: err },
    );
  }
  try {
    // Switching to WAL needs the file to itself for a moment; SQLite reports a busy file at once here
    // (no busy handler), so two processes opening a new store together retry within the busy timeout.
    retryWhileBusy(() => db.pragma('journal_mode = WAL'), STORE_TUNABLES.sqliteBusyTimeoutMs);
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${STORE_TUNABLES.sqliteWalAutocheckpointPages}`);
    db.pragma(`journal_size_limit = ${STORE_TUNABLES.sqliteJournalSizeLimitBytes}`);
    migrate(db, file);
  } catch (err) {
    db.close();
    throw err;
  }

  const q = {
    contextGet: db.prepare<[string, number], { value: string }>(
      'SELECT value FROM context WHERE key = ? AND expires_at > ?',
    ),
    contextSet: db.prepare<[string, string, number]>(
      `INSERT INTO context (key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ),
    contextDelete: db.prepare<[string]>('DELETE FROM context WHERE key = ?'),
    // First writer wins; a claim whose time is up (not yet swept) is taken over by the next writer.
    claimExpiry: db.prepare<[string], number>('SELECT expires_at FROM claims WHERE key = ?').pluck(),
    claimWithPrefix: db
      .prepare<[string, string, number], number>(
        'SELECT 1 FROM claims WHERE key >= ? AND key < ? AND expires_at > ? LIMIT 1',
      )
      .pluck(),
    claim: db.prepare<[string, number, number]>(
      `INSERT INTO claims (key, expires_at) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE claims.expires_at <= ?`,
    ),
    // A keyed row replaces the stored row with its key unless that one is newer (the latest click wins).
    feedbackInsert: db.prepare<
      [number, string, string | null, string, string, string | null, string, string | null, string | null]
    >(
      `INSERT INTO feedback (at, platform, team, user_hash, question, answered, verdict, answer_key, asked_team)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (answer_key) DO UPDATE SET
         at = excluded.at, platform = excluded.platform, team = excluded.team,
         user_hash = excluded.user_hash, question = excluded.question, answered = excluded.answered,
         verdict = excluded.verdict, asked_team = excluded.asked_team
       WHERE excluded.at >= feedback.at`,
    ),
    feedbackRows: db.prepare<[number, number], FeedbackDbRow>(
      'SELECT * FROM feedback WHERE at >= ? AND at < ? ORDER BY at, id',
    ),
    report: db.prepare<[number, number], ReportCount>(
      `SELECT answered, verdict, question, COUNT(*) AS count FROM feedback
       WHERE verdict IN ('unanswered', 'not_quite') AND at >= ? AND at < ?
       GROUP BY answered, verdict, question`,
    ),
    teamReport: db.prepare<[number, number], TeamCount>(
      `SELECT asked_team, answered, question, COUNT(*) AS count FROM feedback
       WHERE verdict = 'ask_team' AND at >= ? AND at < ?
       GROUP BY asked_team, answered, question`,
    ),
    progressGet: db.prepare<[string], { doc: string }>('SELECT doc FROM progress WHERE user_key = ?'),
    progressPut: db.prepare<[string, string, number]>(
      `INSERT INTO progress (user_key, doc, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_key) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
    ),
    installGet: db.prepare<[string], { value: string }>('SELECT value FROM installations WHERE id = ?'),
    installPut: db.prepare<[string, string, number]>(
      `INSERT INTO installations (id, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
    installDelete: db.prepare<[string]>('DELETE FROM installations WHERE id = ?'),
    sweepContext: db.prepare<[number]>('DELETE FROM context WHERE expires_at <= ?'),
    sweepClaims: db.prepare<[number]>('DELETE FROM claims WHERE expires_at <= ?'),
    versions: db.prepare<[], number>('SELECT version FROM schema_migrations ORDER BY version').pluck(),
  };

  const insert = (row: ResolvedFeedback) => {
    q.feedbackInsert.run(
      row.at.getTime(),
      row.platform,
      row.team,
      row.userHash,
      row.question,
      row.answered,
      row.verdict,
      row.answerKey,
      row.askedTeam,
    );
  };
  const insertMany = db.transaction((rows: readonly ResolvedFeedback[]) => {
    for (const r of rows) insert(r);
  });

  /**
   * Group commit for the writes on a message's path (claims, context, single feedback rows): the writes
   * asked for in one turn of the event loop run in one transaction on the next, so they share one commit
   * (one set of WAL page writes and locks) instead of each paying its own. Each caller's promise settles once that commit is
   * done, with its own result, so nothing reads as written before it is. If the transaction fails, each
   * write is retried on its own, so one bad write fails only its caller.
   */
  interface Pending {
    run: () => unknown;
    resolve: (value: unknown) => void;
    reject: (err: unknown) => void;
  }
  // Built once: better-sqlite3 builds a transaction function's wrappers each time `transaction` is called.
  const runBatch = db.transaction((batch: Pending[]) => batch.map((w) => w.run()));
  let pending: Pending[] = [];
  let closed = false;
  const flush = () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    let results: unknown[] = [];
    try {
      if (batch.length === 1) results = [(batch[0] as Pending).run()];
      else results = runBatch(batch);
    } catch {
      for (const w of batch) {
        try {
          w.resolve(w.run());
        } catch (err) {
          w.reject(err);
        }
      }
      return;
    }
    batch.forEach((w, i) => {
      w.resolve(results[i]);
    });
  };
  const write = <T>(run: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (closed) throw new StoreError('STORE_CLOSED', 'the SQLite store is closed');
      if (pending.length === 0) setImmediate(flush);
      pending.push({ run, resolve: resolve as (value: unknown) => void, reject });
    });

  /**
   * What this process has written and not yet committed, so a read need not commit the queue first
   * (which cut the group commit into one transaction per message): each context key's queued value (null:
   * deleted), and each claim queued by this process with its expiry. An entry goes once its write is
   * committed; a claim whose write failed stays until it expires, so this process still refuses its
   * repeats.
   */
  const queuedContext = new Map<string, { json: string | null; expires: number }>();
  const queuedClaims = new Map<string, number>();
  const queueContext = async (key: string, json: string | null, expires: number, run: () => unknown) => {
    const entry = { json, expires };
    queuedContext.set(key, entry);
    try {
      await write(run);
    } finally {
      if (queuedContext.get(key) === entry) queuedContext.delete(key);
    }
  };
  /** Queues the claim of `key` (the first writer wins, or the one after an expired claim); settles with the outcome. */
  const queueClaim = (key: string, t: number, expires: number): Promise<boolean> => {
    queuedClaims.set(key, expires);
    const settled = write(() => q.claim.run(key, expires, t).changes === 1);
    const forget = () => {
      if (queuedClaims.get(key) === expires) queuedClaims.delete(key);
    };
    settled.then(forget, () => undefined);
    return settled;
  };

  /** Whether a live claim of `key` is queued by this process or committed. */
  const held = (key: string): boolean => {
    if (closed) throw new StoreError('STORE_CLOSED', 'the SQLite store is closed');
    const t = now();
    const queued = queuedClaims.get(key);
    if (queued !== undefined && queued > t) return true;
    const committed = q.claimExpiry.get(key);
    return committed !== undefined && committed > t;
  };

  const sweep = async () => {
    const t = now();
    for (const [key, expires] of queuedClaims) if (expires <= t) queuedClaims.delete(key);
    return q.sweepContext.run(t).changes + q.sweepClaims.run(t).changes;
  };
  const stopSweeper = startSweeper(sweep, options);

  return {
    engine: 'sqlite',
    context: {
      async get(key) {
        // A write still queued is read as written: a read never misses what was written before it.
        const queued = queuedContext.get(key);
        if (queued)
          return queued.json !== null && queued.expires > now() ? JSON.parse(queued.json) : undefined;
        const row = q.contextGet.get(key, now());
        return row ? JSON.parse(row.value) : undefined;
      },
      async set(key, value, ttlMs) {
        const json = encodeJson(value);
        const expires = now() + ttlMs;
        await queueContext(key, json, expires, () => q.contextSet.run(key, json, expires));
      },
      async delete(key) {
        await queueContext(key, null, 0, () => q.contextDelete.run(key));
      },
    },
    claims: {
      async claim(key, ttlMs = STORE_TUNABLES.claimTtlMs) {
        const t = now();
        return queueClaim(key, t, t + ttlMs);
      },
      local: {
        claim(key, ttlMs = STORE_TUNABLES.claimTtlMs) {
          if (held(key)) return false;
          const t = now();
          // Decided: committed with the next group commit. Should another process sharing the file take the
          // key first, its commit wins the row; the answer here stands (SQLite is for one instance).
          queueClaim(key, t, t + ttlMs).catch((err: unknown) => {
            process.emitWarning(`srm store: a claim was not written: ${String(err)}`, 'SrmStoreWarning');
          });
          return true;
        },
        held,
        anyHeld(prefix) {
          const t = now();
          for (const [key, expires] of queuedClaims) if (expires > t && key.startsWith(prefix)) return true;
          return q.claimWithPrefix.get(prefix, afterPrefix(prefix), t) !== undefined;
        },
      },
    },
    feedback: {
      async append(row) {
        // One row (a click, an unanswered question) goes in the message path's group commit.
        const rows = resolveFeedback([row], now);
        await write(() => {
          for (const r of rows) insert(r);
        });
      },
      async appendMany(rows) {
        insertMany(resolveFeedback(rows, now));
      },
      async rows(since, until) {
        if (pending.length > 0) flush();
        return q.feedbackRows.all(since.getTime(), until.getTime()).map(fromDb);
      },
      async report(since, until) {
        if (pending.length > 0) flush();
        const range = [since.getTime(), until.getTime()] as const;
        return buildReport(q.report.all(...range), q.teamReport.all(...range), since, until);
      },
    },
    progress: {
      async get(userKey) {
        const row = q.progressGet.get(userKey);
        return row ? JSON.parse(row.doc) : undefined;
      },
      async put(userKey, doc) {
        q.progressPut.run(userKey, encodeJson(doc), now());
      },
    },
    installations: {
      async get(id) {
        return q.installGet.get(id)?.value;
      },
      async put(id, sealed) {
        q.installPut.run(id, sealed, now());
      },
      async delete(id) {
        q.installDelete.run(id);
      },
    },
    sweep,
    async migrations() {
      return q.versions.all();
    },
    async close() {
      if (closed) return;
      flush();
      closed = true;
      stopSweeper();
      db.close();
    },
  };
}

/** The first string after every string that starts with `prefix` (for a range scan of the key index). */
function afterPrefix(prefix: string): string {
  if (prefix === '') return '\u{10ffff}';
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Applies the missing migrations in one write transaction, so two processes opening together queue. */
function migrate(db: Database.Database, file: string): void {
  db.transaction(() => {
    db.exec(MIGRATIONS_TABLE);
    const applied = db
      .prepare<[], number>('SELECT version FROM schema_migrations ORDER BY version')
      .pluck()
      .all();
    checkNotNewer(applied, file);
    const record = db.prepare<[number, string, string]>(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const m of MIGRATIONS) {
      if (applied.includes(m.version)) continue;
      db.exec(m.sqlite);
      record.run(m.version, m.name, new Date().toISOString());
    }
  }).immediate();
}

function fromDb(r: FeedbackDbRow): FeedbackRow {
  return {
    id: r.id,
    at: new Date(r.at),
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

/** Runs `step`, retrying while SQLite says the database is busy, for at most `withinMs`. */
function retryWhileBusy<T>(step: () => T, withinMs: number): T {
  const until = Date.now() + withinMs;
  for (;;) {
    try {
      return step();
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= until) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}
