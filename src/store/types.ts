/**
 * What the bot keeps between messages, restarts and replicas. Three engines implement it (SQLite,
 * PostgreSQL, in-memory); callers receive only the part they need (an adapter gets `claims`, the
 * composition root gets the whole store). Every method returns a Promise so both engines fit, even
 * though SQLite answers synchronously underneath.
 */

export type Platform = 'slack' | 'teams' | 'cli';
export const PLATFORMS: readonly Platform[] = ['slack', 'teams', 'cli'];

/**
 * What a feedback row records. `unanswered`: the bot fell back or had to ask which task was meant.
 * `ask_team`: the asker sent the question to the owning team's channel ("Ask <team>"); not a verdict on
 * the answer, and the row names the team (`askedTeam`).
 */
export type Verdict = 'helpful' | 'not_quite' | 'unanswered' | 'ask_team';
export const VERDICTS: readonly Verdict[] = ['helpful', 'not_quite', 'unanswered', 'ask_team'];

/** Conversation context: one JSON value per conversation key, forgotten after its time to live. */
export interface ContextState {
  /** The value last set for the key, or undefined when there is none or it expired. */
  get(key: string): Promise<unknown>;
  /** Replaces the key's value; `value` must survive JSON.stringify/parse. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Event de-duplication (Slack event_id and retries, Teams activity ids, slash-command replays): the
 * first `claim` of a key returns true, every other one false until the claim expires.
 */
export interface EventClaims {
  claim(key: string, ttlMs?: number): Promise<boolean>;
  /**
   * Where this process decides claims alone (SQLite, which is for one instance; the memory engine): the
   * same answers, synchronously. Absent on PostgreSQL, where several replicas share the claims and only
   * the database can decide.
   */
  readonly local?: LocalClaims;
}

/** Claims decided at once, from what this process has claimed and what is committed. */
export interface LocalClaims {
  /**
   * As `EventClaims.claim`; the claim is committed with the next group commit, after the caller has moved
   * on (a crash in between forgets it).
   */
  claim(key: string, ttlMs?: number): boolean;
  /** Whether a live claim of `key` exists (claiming nothing). */
  held(key: string): boolean;
  /** Whether any live claim's key starts with `prefix`. */
  anyHeld(prefix: string): boolean;
}

/** One feedback click or unanswered question, as written. */
export interface FeedbackInput {
  /** When it happened; defaults to the store's clock. */
  at?: Date;
  platform: Platform;
  /** Slack team id or Teams tenant id; null from the terminal chat or old logs. */
  team: string | null;
  /** A hash of the platform's user id (see hashUser in src/feedback.ts), never the id itself. */
  userHash: string;
  question: string;
  /** The duty or topic the bot answered (`rds.maintenance-window`, `s3/encryption`); null if none. */
  answered: string | null;
  verdict: Verdict;
  /**
   * One person's verdict on one answer (see answerKey in src/feedback.ts). A row whose key is already
   * stored replaces the stored row when it is at least as recent (the latest click wins: Slack's thumbs
   * and both platforms' Helpful / Not quite buttons send no un-click); an older one is dropped. Null or
   * absent: the row is appended, as every row was before migration 3.
   */
  answerKey?: string | null;
  /** `ask_team` rows: the id of the ownership file's team the question was sent to; null otherwise. */
  askedTeam?: string | null;
}

export interface FeedbackRow extends Required<FeedbackInput> {
  /** Increasing with insertion order within one store. */
  id: number;
}

/** The questions that got "Not quite" or no answer in a period, grouped by what was answered. */
export interface Report {
  since: Date;
  until: Date;
  /** Rows counted (unanswered + not_quite). */
  total: number;
  groups: ReportGroup[];
  /** Questions sent to a team ("Ask <team>"), per team: the most asked first, then by id. */
  teams: ReportTeam[];
}

export interface ReportTeam {
  /** The ownership file's team id. */
  team: string;
  total: number;
  /** Each distinct question (with what the bot had answered) and how often it was sent, most first. */
  questions: { question: string; answered: string | null; count: number }[];
}

export interface ReportGroup {
  /** The duty or topic answered; null for questions nothing was answered for. */
  answered: string | null;
  unanswered: number;
  notQuite: number;
  total: number;
  /** Each distinct question with its verdict and how many times it was asked, most frequent first. */
  questions: { question: string; verdict: Exclude<Verdict, 'helpful'>; count: number }[];
}

/**
 * Feedback and unanswered questions: rows appended, except that a row with an `answerKey` replaces the
 * older row with the same key (one verdict per person and answer).
 */
export interface FeedbackLogStore {
  append(row: FeedbackInput): Promise<void>;
  /** Appends all rows or none (one transaction); for imports. Keys are applied as by `append`, in order. */
  appendMany(rows: readonly FeedbackInput[]): Promise<void>;
  /** Rows with since <= at < until, oldest first. */
  rows(since: Date, until: Date): Promise<FeedbackRow[]>;
  /** Unanswered and not_quite rows with since <= at < until, grouped; and ask_team rows per team. */
  report(since: Date, until: Date): Promise<Report>;
}

/** Onboarding progress: one JSON document per user key. */
export interface ProgressDocs {
  get(userKey: string): Promise<unknown>;
  put(userKey: string, doc: unknown): Promise<void>;
}

/**
 * Slack installations for OAuth: an opaque (already encrypted) string per installation id, which is
 * the enterprise id for an org-wide install and the team id otherwise.
 */
export interface InstallationVault {
  get(id: string): Promise<string | undefined>;
  put(id: string, sealed: string): Promise<void>;
  delete(id: string): Promise<void>;
}

export type EngineName = 'sqlite' | 'postgres' | 'memory';

export interface Store {
  readonly engine: EngineName;
  readonly context: ContextState;
  readonly claims: EventClaims;
  readonly feedback: FeedbackLogStore;
  readonly progress: ProgressDocs;
  readonly installations: InstallationVault;
  /** Deletes expired context and claims now; returns how many rows went. A timer also calls it. */
  sweep(): Promise<number>;
  /** Applied migration versions, ascending. */
  migrations(): Promise<number[]>;
  /** Stops the sweep timer and closes the database. */
  close(): Promise<void>;
}

/** Options every engine accepts. */
export interface StoreOptions {
  /** Milliseconds since the epoch; tests pass a fake clock. Expiry is decided by this clock. */
  now?: () => number;
  /** How often expired rows are swept (an unref'd timer); 0 turns the timer off. */
  sweepIntervalMs?: number;
  /** Told when a timed sweep fails (the next one tries again); defaults to a process warning. */
  onSweepError?: (err: unknown) => void;
}
