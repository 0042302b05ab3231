/**
 * One numbered list of migrations for both engines, with each engine's SQL side by side so a change to
 * one is seen beside the other. A migration never changes once released: add the next number instead.
 * Applied versions are recorded in `schema_migrations`; opening a store applies the missing ones in one
 * transaction (under a lock, so replicas starting together do not race).
 *
 * Times: SQLite keeps milliseconds since the epoch in INTEGER columns, PostgreSQL `timestamptz`.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    name: 'context, claims, feedback, progress, installations',
    sqlite: `
      CREATE TABLE context (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX context_expires_at ON context (expires_at);
      CREATE TABLE claims (
        key TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX claims_expires_at ON claims (expires_at);
      CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli')),
        team TEXT,
        user_hash TEXT NOT NULL,
        question TEXT NOT NULL,
        answered TEXT,
        verdict TEXT NOT NULL CHECK (verdict IN ('helpful', 'not_quite', 'unanswered'))
      );
      CREATE INDEX feedback_at ON feedback (at);
      CREATE TABLE progress (
        user_key TEXT PRIMARY KEY,
        doc TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE installations (
        id TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE context (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX context_expires_at ON context (expires_at);
      CREATE TABLE claims (
        key text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX claims_expires_at ON claims (expires_at);
      CREATE TABLE feedback (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        platform text NOT NULL CHECK (platform IN ('slack', 'teams', 'cli')),
        team text,
        user_hash text NOT NULL,
        question text NOT NULL,
        answered text,
        verdict text NOT NULL CHECK (verdict IN ('helpful', 'not_quite', 'unanswered'))
      );
      CREATE INDEX feedback_at ON feedback (at);
      CREATE TABLE progress (
        user_key text PRIMARY KEY,
        doc jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE installations (
        id text PRIMARY KEY,
        value text NOT NULL,
        updated_at timestamptz NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'report index: verdict then time',
    // The report reads only unanswered and not_quite rows of a period; helpful clicks are the bulk.
    sqlite: 'CREATE INDEX feedback_verdict_at ON feedback (verdict, at);',
    postgres: 'CREATE INDEX feedback_verdict_at ON feedback (verdict, at);',
  },
  {
    version: 3,
    name: 'feedback: one verdict per person and answer (answer_key), the team asked (asked_team)',
    // answer_key identifies one person's verdict on one answer message; its unique index lets a newer
    // click replace the older one (INSERT … ON CONFLICT (answer_key) DO UPDATE). Both engines treat NULLs
    // as distinct in a unique index, so rows written before this migration (no key) all stay, counted as
    // before. `ask_team` rows name the ownership file's team in asked_team.
    // SQLite cannot change a CHECK constraint in place, so the table is rebuilt (same ids; the
    // migration runs in one write transaction); PostgreSQL swaps the constraint (named by its default).
    sqlite: `
      CREATE TABLE feedback_v3 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli')),
        team TEXT,
        user_hash TEXT NOT NULL,
        question TEXT NOT NULL,
        answered TEXT,
        verdict TEXT NOT NULL CHECK (verdict IN ('helpful', 'not_quite', 'unanswered', 'ask_team')),
        answer_key TEXT,
        asked_team TEXT,
        CHECK ((verdict = 'ask_team') = (asked_team IS NOT NULL))
      );
      INSERT INTO feedback_v3 (id, at, platform, team, user_hash, question, answered, verdict)
        SELECT id, at, platform, team, user_hash, question, answered, verdict FROM feedback;
      DROP TABLE feedback;
      ALTER TABLE feedback_v3 RENAME TO feedback;
      CREATE INDEX feedback_at ON feedback (at);
      CREATE INDEX feedback_verdict_at ON feedback (verdict, at);
      CREATE UNIQUE INDEX feedback_answer_key ON feedback (answer_key);`,
    postgres: `
      ALTER TABLE feedback
        ADD COLUMN answer_key text,
        ADD COLUMN asked_team text,
        DROP CONSTRAINT feedback_verdict_check,
        ADD CONSTRAINT feedback_verdict_check
          CHECK (verdict IN ('helpful', 'not_quite', 'unanswered', 'ask_team')),
        ADD CONSTRAINT feedback_asked_team_check CHECK ((verdict = 'ask_team') = (asked_team IS NOT NULL));
      CREATE UNIQUE INDEX feedback_answer_key ON feedback (answer_key);`,
  },
]);

/** The newest version this code knows. */
export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** SQL creating the bookkeeping table; the same text works on both engines. */
export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at text NOT NULL
)`;
