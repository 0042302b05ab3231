import { StoreError } from './errors.js';
import { LATEST_VERSION } from './migrations.js';
import { STORE_TUNABLES } from './tunables.js';
import {
  type FeedbackInput,
  type Report,
  type ReportGroup,
  type ReportTeam,
  type StoreOptions,
  VERDICTS,
} from './types.js';

/** One (answered, verdict, question) count, as both engines' report queries return it. */
export interface ReportCount {
  answered: string | null;
  verdict: 'unanswered' | 'not_quite';
  question: string;
  count: number;
}

/** One (team asked, answered, question) count of ask_team rows, as the report queries return it. */
export interface TeamCount {
  asked_team: string;
  answered: string | null;
  question: string;
  count: number;
}

/**
 * Groups the counts by what was answered: the largest group first, then by name (the group of
 * questions nothing was answered for sorts by its count like any other); inside a group the most asked
 * question first. Both engines share it, so their reports cannot drift apart.
 */
export function buildReport(
  counts: readonly ReportCount[],
  teamCounts: readonly TeamCount[],
  since: Date,
  until: Date,
): Report {
  const byAnswer = new Map<string | null, ReportGroup>();
  for (const c of counts) {
    let g = byAnswer.get(c.answered);
    if (!g) {
      g = { answered: c.answered, unanswered: 0, notQuite: 0, total: 0, questions: [] };
      byAnswer.set(c.answered, g);
    }
    if (c.verdict === 'unanswered') g.unanswered += c.count;
    else g.notQuite += c.count;
    g.total += c.count;
    g.questions.push({ question: c.question, verdict: c.verdict, count: c.count });
  }
  const groups = [...byAnswer.values()];
  for (const g of groups) {
    g.questions.sort((a, b) => b.count - a.count || cmp(a.question, b.question) || cmp(a.verdict, b.verdict));
  }
  groups.sort((a, b) => b.total - a.total || cmp(a.answered ?? '', b.answered ?? ''));
  return { since, until, total: groups.reduce((n, g) => n + g.total, 0), groups, teams: byTeam(teamCounts) };
}

/** Ask-team counts per team: the most asked team first, then by id; inside, the most sent question. */
function byTeam(counts: readonly TeamCount[]): ReportTeam[] {
  const teams = new Map<string, ReportTeam>();
  for (const c of counts) {
    let t = teams.get(c.asked_team);
    if (!t) {
      t = { team: c.asked_team, total: 0, questions: [] };
      teams.set(c.asked_team, t);
    }
    t.total += c.count;
    t.questions.push({ question: c.question, answered: c.answered, count: c.count });
  }
  const list = [...teams.values()];
  for (const t of list) {
    t.questions.sort(
      (a, b) => b.count - a.count || cmp(a.question, b.question) || cmp(a.answered ?? '', b.answered ?? ''),
    );
  }
  return list.sort((a, b) => b.total - a.total || cmp(a.team, b.team));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Refuses a database migrated by a newer srm-bot, whose tables this code may misread. */
export function checkNotNewer(applied: readonly number[], where: string): void {
  const newest = applied.at(-1) ?? 0;
  if (newest > LATEST_VERSION) {
    throw new StoreError(
      'STORE_TOO_NEW',
      `${where} has schema version ${newest}, newer than this srm-bot knows (${LATEST_VERSION}): upgrade srm-bot or point it at another database`,
    );
  }
}

/** Longest answer key or team id a row may carry (the keys srm-bot builds are about 40 characters). */
const KEY_MAX = 200;

/** Checks a row before it is written, so both engines reject the same bad input the same way. */
export function checkFeedback(row: FeedbackInput): void {
  if (!['slack', 'teams', 'cli'].includes(row.platform)) {
    throw new TypeError(`feedback platform must be slack, teams or cli (got ${String(row.platform)})`);
  }
  if (!VERDICTS.includes(row.verdict)) {
    throw new TypeError(
      `feedback verdict must be helpful, not_quite, unanswered or ask_team (got ${String(row.verdict)})`,
    );
  }
  const key = row.answerKey ?? null;
  if (key !== null && !(typeof key === 'string' && key.length > 0 && key.length <= KEY_MAX)) {
    throw new TypeError(`feedback answerKey must be null or 1 to ${KEY_MAX} characters`);
  }
  const team = row.askedTeam ?? null;
  if ((row.verdict === 'ask_team') !== (team !== null)) {
    throw new TypeError('feedback askedTeam is given for ask_team rows, and only for them');
  }
  if (team !== null && !(typeof team === 'string' && team.length > 0 && team.length <= KEY_MAX)) {
    throw new TypeError(`feedback askedTeam must be 1 to ${KEY_MAX} characters`);
  }
}

/** A row as the engines write it: its time decided, its optional fields null when absent. */
export type ResolvedFeedback = Required<FeedbackInput>;

/**
 * Checks every row and gives each its time (`now` when absent). Of rows sharing an answer key only the
 * latest is kept (the last one given, at equal times), as one row after another through `append` would
 * leave: PostgreSQL cannot update one row twice in one statement.
 */
export function resolveFeedback(rows: readonly FeedbackInput[], now: () => number): ResolvedFeedback[] {
  for (const r of rows) checkFeedback(r);
  const resolved = rows.map((r) => ({
    ...r,
    at: r.at ?? new Date(now()),
    answerKey: r.answerKey ?? null,
    askedTeam: r.askedTeam ?? null,
  }));
  const latest = new Map<string, ResolvedFeedback>();
  for (const r of resolved) {
    if (r.answerKey === null) continue;
    const seen = latest.get(r.answerKey);
    if (!seen || r.at >= seen.at) latest.set(r.answerKey, r);
  }
  return resolved.filter((r) => r.answerKey === null || latest.get(r.answerKey) === r);
}

/** JSON text for a stored value; refuses what JSON cannot carry, rather than storing "undefined". */
export function encodeJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('the store keeps JSON values: got undefined or a function');
  return text;
}

/**
 * Calls `sweep` every interval on an unref'd timer (it never keeps the process alive); a failure is
 * reported and the next tick tries again. Returns the function that stops it.
 */
export function startSweeper(sweep: () => Promise<number>, options: StoreOptions): () => void {
  const every = options.sweepIntervalMs ?? STORE_TUNABLES.sweepIntervalMs;
  if (every <= 0) return () => {};
  const report =
    options.onSweepError ??
    ((err: unknown) => process.emitWarning(`srm store sweep failed: ${String(err)}`, 'SrmStoreWarning'));
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep()
      .catch(report)
      .finally(() => {
        running = false;
      });
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}
