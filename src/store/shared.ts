import { StoreError } from './errors.js';
import { LATEST_VERSION } from './migrations.js';
import { STORE_TUNABLES } from './tunables.js';
import type { FeedbackInput, Report, ReportGroup, StoreOptions, Verdict } from './types.js';

/** One (answered, verdict, question) count, as both engines' report queries return it. */
export interface ReportCount {
  answered: string | null;
  verdict: Exclude<Verdict, 'helpful'>;
  question: string;
  count: number;
}

/**
 * Groups the counts by what was answered: the largest group first, then by name (the group of
 * questions nothing was answered for sorts by its count like any other); inside a group the most asked
 * question first. Both engines share it, so their reports cannot drift apart.
 */
export function buildReport(counts: readonly ReportCount[], since: Date, until: Date): Report {
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
  return { since, until, total: groups.reduce((n, g) => n + g.total, 0), groups };
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

/** Checks a row before it is written, so both engines reject the same bad input the same way. */
export function checkFeedback(row: FeedbackInput): void {
  if (!['slack', 'teams', 'cli'].includes(row.platform)) {
    throw new TypeError(`feedback platform must be slack, teams or cli (got ${String(row.platform)})`);
  }
  if (!['helpful', 'not_quite', 'unanswered'].includes(row.verdict)) {
    throw new TypeError(
      `feedback verdict must be helpful, not_quite or unanswered (got ${String(row.verdict)})`,
    );
  }
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
