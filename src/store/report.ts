import type { FeedbackInput, FeedbackLogStore, Report } from './types.js';

/**
 * `srm report` and `srm import-feedback` as pure functions: three renderers of a Report (terminal
 * table, CSV, JSON) and the reader of the old JSONL feedback log. The CLI wiring calls these.
 */

/**
 * What a reply answered (from its ReplyMeta), as the report groups it: the duty when there was one,
 * else service/topic, else the topic or the service alone; null when nothing was (a fallback).
 */
export function answeredKey(
  meta: { service: string | null; topic: string | null; duty?: string | null | undefined } | null | undefined,
): string | null {
  if (!meta) return null;
  if (meta.duty) return meta.duty;
  if (meta.service && meta.topic) return `${meta.service}/${meta.topic}`;
  return meta.topic ?? meta.service ?? null;
}

export interface TableOptions {
  /** Questions listed under each group, most asked first (default 5); the rest are counted. */
  questionsPerGroup?: number;
  /** Longest question shown, in characters (default 80). */
  questionWidth?: number;
}

const NOTHING = '(nothing answered)';

/**
 * A plain-text table for the terminal: one line per group, its most asked questions beneath; then, when
 * questions were sent to teams ("Ask <team>"), one line per team with its most sent questions.
 */
export function renderReportTable(report: Report, options: TableOptions = {}): string {
  const perGroup = options.questionsPerGroup ?? 5;
  const width = options.questionWidth ?? 80;
  const title = `Questions without a good answer, ${day(report.since)} to ${day(report.until)}`;
  const asks = teamsTable(report, perGroup, width);
  if (report.groups.length === 0) return `${title}: none.\n${asks}`;

  const head = ['Answered', 'Unanswered', 'Not quite', 'Total'];
  const rows = report.groups.map((g) => ({
    name: g.answered ?? NOTHING,
    cells: [g.unanswered, g.notQuite, g.total],
    lines: g.questions.map((q) => {
      const verdict = q.verdict === 'not_quite' ? ' (not quite)' : '';
      return `${q.count}× ${clip(printable(q.question), width)}${verdict}`;
    }),
  }));
  return `${title} (${report.total}):\n\n${table(head, rows, perGroup)}${asks}`;
}

/** The "Ask <team>" part of the table: empty when no question was sent to a team in the period. */
function teamsTable(report: Report, perGroup: number, width: number): string {
  if (report.teams.length === 0) return '';
  const total = report.teams.reduce((n, t) => n + t.total, 0);
  const rows = report.teams.map((t) => ({
    name: t.team,
    cells: [t.total],
    lines: t.questions.map(
      (q) => `${q.count}× ${clip(printable(q.question), width)} (${q.answered ?? NOTHING})`,
    ),
  }));
  return `\nQuestions sent to teams (${total}):\n\n${table(['Team', 'Asked'], rows, perGroup)}`;
}

/** Named rows of right-aligned counts under a head, each with up to `perGroup` lines beneath. */
function table(
  head: string[],
  rows: { name: string; cells: number[]; lines: string[] }[],
  perGroup: number,
): string {
  const nameWidth = Math.max(head[0]?.length ?? 0, ...rows.map((r) => r.name.length));
  const num = (n: number | string, i: number) => String(n).padStart(head[i]?.length ?? 0);
  const line = (name: string, cells: (number | string)[]) =>
    [name.padEnd(nameWidth), ...cells.map((c, i) => num(c, i + 1))].join('  ').trimEnd();
  const out = [line(head[0] ?? '', head.slice(1))];
  out.push('-'.repeat(out[0]?.length ?? 0));
  for (const r of rows) {
    out.push(line(r.name, r.cells));
    for (const l of r.lines.slice(0, perGroup)) out.push(`    ${l}`);
    const rest = r.lines.length - perGroup;
    if (rest > 0) out.push(`    … and ${rest} more question${rest === 1 ? '' : 's'}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * CSV (RFC 4180) for a spreadsheet: one row per answered × verdict × question with its count, then one
 * per question sent to a team (verdict `ask_team`, the team in the last column). A cell a spreadsheet
 * would run as a formula (starting with = + - @ or a tab) gets a leading apostrophe: the questions are
 * what users typed.
 */
export function renderReportCsv(report: Report): string {
  const rows = [['answered', 'verdict', 'question', 'count', 'team']];
  for (const g of report.groups) {
    for (const q of g.questions) rows.push([g.answered ?? '', q.verdict, q.question, String(q.count), '']);
  }
  for (const t of report.teams) {
    for (const q of t.questions)
      rows.push([q.answered ?? '', 'ask_team', q.question, String(q.count), t.team]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** JSON for a dashboard: the Report as it is, dates as ISO 8601 strings. */
export function renderReportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Control characters (a user's newline, a terminal escape sequence) shown as spaces. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

function clip(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

function day(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A line of the old log that was not imported, and why. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/**
 * Reads the old JSONL feedback log (src/feedback.ts: one FeedbackRecord per line, user already
 * hashed). Verdicts: helpful and not_quite as they were; fallback and clarify become unanswered (the
 * bot answered neither). Old records have no team. Bad lines are skipped and listed, not fatal.
 */
export function parseFeedbackLog(text: string): { rows: FeedbackInput[]; skipped: SkippedLine[] } {
  const rows: FeedbackInput[] = [];
  const skipped: SkippedLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const parsed = parseOldRecord(line);
    if (typeof parsed === 'string') skipped.push({ line: i + 1, reason: parsed });
    else rows.push(parsed);
  });
  return { rows, skipped };
}

/** One line of the old log as a row, or why it cannot be one. */
function parseOldRecord(line: string): FeedbackInput | string {
  let r: unknown;
  try {
    r = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return 'not a JSON object';
  const o = r as Record<string, unknown>;
  const verdict = OLD_VERDICTS[String(o.type)];
  if (!verdict) return `type must be helpful, not_quite, fallback or clarify (got ${String(o.type)})`;
  if (o.platform !== 'slack' && o.platform !== 'teams' && o.platform !== 'cli') {
    return `platform must be slack, teams or cli (got ${String(o.platform)})`;
  }
  if (typeof o.question !== 'string') return 'question is missing';
  if (typeof o.user !== 'string' || !o.user) return 'user is missing';
  const at = new Date(typeof o.time === 'string' ? o.time : Number.NaN);
  if (Number.isNaN(at.getTime())) return 'time is not an ISO date';
  const a = typeof o.answer === 'object' && o.answer !== null ? (o.answer as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return {
    at,
    platform: o.platform,
    team: null,
    userHash: o.user,
    question: o.question,
    answered: answeredKey({ duty: text(a.duty), service: text(a.service), topic: text(a.topic) }),
    verdict,
  };
}

const OLD_VERDICTS: Record<string, FeedbackInput['verdict'] | undefined> = {
  helpful: 'helpful',
  not_quite: 'not_quite',
  fallback: 'unanswered',
  clarify: 'unanswered',
};

/** Imports the old log's good lines in one transaction; returns what was imported and skipped. */
export async function importFeedbackLog(
  feedback: Pick<FeedbackLogStore, 'appendMany'>,
  text: string,
): Promise<{ imported: number; skipped: SkippedLine[] }> {
  const { rows, skipped } = parseFeedbackLog(text);
  await feedback.appendMany(rows);
  return { imported: rows.length, skipped };
}
