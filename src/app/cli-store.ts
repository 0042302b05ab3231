import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { importFeedbackLog, renderReportCsv, renderReportJson, renderReportTable } from '../store/report.js';
import type { Store } from '../store/types.js';

/**
 * `srm report` and `srm import-feedback`: the CLI's commands over the store (whichever engine the
 * settings choose). They return what to print; cli.ts opens the store and prints.
 */

/** A command line the CLI cannot run (a bad flag value): printed as is, exit code 2. */
export class CliUsageError extends Error {}

/** How far back `srm report` looks without --since. */
export const REPORT_DEFAULT_DAYS = 30;

/**
 * An import's claim never expires by itself (a century): the file's hash stays claimed so the same
 * file is not imported twice.
 */
const IMPORT_CLAIM_TTL_MS = 100 * 365 * 24 * 60 * 60_000;

export interface ReportArgs {
  since?: string | undefined;
  until?: string | undefined;
  csv?: boolean | undefined;
  json?: boolean | undefined;
}

/** The report for the period asked, rendered as a table, CSV or JSON. */
export async function reportCommand(store: Pick<Store, 'feedback'>, args: ReportArgs, now = new Date()) {
  if (args.csv && args.json) throw new CliUsageError('srm report: choose one of --csv and --json');
  const until = args.until ? parseDate('--until', args.until, true) : now;
  const since = args.since
    ? parseDate('--since', args.since, false)
    : new Date(until.getTime() - REPORT_DEFAULT_DAYS * 24 * 60 * 60_000);
  if (since >= until) throw new CliUsageError('srm report: --since must be before --until');
  const report = await store.feedback.report(since, until);
  if (args.csv) return renderReportCsv(report);
  if (args.json) return renderReportJson(report);
  return renderReportTable(report);
}

/**
 * A date as typed: `2025-06-01` (UTC midnight; as --until, the end of that day, so the day is included)
 * or a full ISO 8601 time.
 */
function parseDate(flag: string, raw: string, endOfDay: boolean): Date {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const d = new Date(dayOnly ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) {
    throw new CliUsageError(
      `srm report: ${flag} must be a date such as 2025-06-01 or 2025-06-01T12:00:00Z (got "${raw}")`,
    );
  }
  return dayOnly && endOfDay ? new Date(d.getTime() + 24 * 60 * 60_000) : d;
}

/**
 * Imports the old JSONL feedback log (SRM_FEEDBACK_LOG of earlier versions) into the store, once: the
 * file's SHA-256 is claimed first, so importing the same file again (from any replica) is refused.
 * `force` imports anyway (after an import that failed half-way, say).
 */
export async function importFeedbackCommand(
  store: Pick<Store, 'feedback' | 'claims'>,
  file: string,
  opts: { force?: boolean | undefined } = {},
): Promise<{ text: string; code: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    return { text: `srm import-feedback: cannot read ${file} (${reason})\n`, code: 1 };
  }
  const hash = createHash('sha256').update(text).digest('hex');
  const first = await store.claims.claim(`import-feedback:${hash}`, IMPORT_CLAIM_TTL_MS);
  if (!first && !opts.force) {
    return {
      text: `srm import-feedback: ${file} was already imported (same content); nothing done. --force imports it again.\n`,
      code: 1,
    };
  }
  const { imported, skipped } = await importFeedbackLog(store.feedback, text);
  const lines = [`imported ${imported} row${imported === 1 ? '' : 's'} from ${file}`];
  if (skipped.length > 0) {
    lines.push(`skipped ${skipped.length} line${skipped.length === 1 ? '' : 's'}:`);
    for (const s of skipped.slice(0, 20)) lines.push(`  line ${s.line}: ${s.reason}`);
    if (skipped.length > 20) lines.push(`  … and ${skipped.length - 20} more`);
  }
  return { text: `${lines.join('\n')}\n`, code: 0 };
}
