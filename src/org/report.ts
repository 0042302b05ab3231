import type { OrgDirectory, OwnableDuty } from './directory.js';

/**
 * The gap report (`srm owners`): who on the company's side owns each of its AWS responsibilities, and
 * which customer or shared duties of the services it uses no team owns. Plain text, or CSV for a
 * spreadsheet. Pure: the directory is loaded by the caller.
 */

interface Row {
  duty: OwnableDuty;
  team: string | null;
  runbook: string | null;
}

function rows(dir: OrgDirectory): Row[] {
  return dir.services.flatMap((s) =>
    dir.duties(s).map((duty) => {
      const rule = dir.ruleFor(duty.key, duty.service, duty.topic);
      const team = rule ? dir.file.teams[rule.team] : undefined;
      return {
        duty,
        team: team ? (rule?.team ?? null) : null,
        runbook: rule?.runbook ?? team?.runbook ?? null,
      };
    }),
  );
}

const CSV_HEADER = [
  'service',
  'duty',
  'topic',
  'aws_owner_says',
  'label',
  'team',
  'team_name',
  'slack_channel',
  'teams_channel',
  'contact',
  'runbook',
];

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; a leading =, +, - or @
 * is prefixed with a quote so a spreadsheet does not run it as a formula. */
function csvField(v: string): string {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function toCsv(dir: OrgDirectory, list: Row[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of list) {
    const t = r.team ? dir.file.teams[r.team] : undefined;
    lines.push(
      [
        r.duty.service,
        r.duty.key,
        r.duty.topic,
        r.duty.owner,
        r.duty.label,
        r.team ?? '',
        t?.name ?? '',
        t?.slack ?? '',
        t?.teams ?? '',
        t?.contact ?? '',
        r.runbook ?? '',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A model-level duty's key with the service it is counted for (`model.abuse-reports@rds`). */
const shownKey = (d: OwnableDuty) => (d.key.startsWith('model.') ? `${d.key}@${d.service}` : d.key);

/** `srm owners`: the customer-side duties of the company's services, per team. */
export function ownersReport(dir: OrgDirectory, opts: { csv?: boolean } = {}): string {
  const all = rows(dir);
  if (opts.csv) return toCsv(dir, all);
  const out = [
    `${dir.file.company ?? 'Our'} owners of the customer's side, for ${dir.services.map((s) => s.id).join(', ')}`,
  ];
  for (const [id, team] of Object.entries(dir.file.teams)) {
    const mine = all.filter((r) => r.team === id);
    const where = [team.slack, team.contact].filter(Boolean).join(', ');
    out.push('', `${team.name}${where ? ` (${where})` : ''}: ${mine.length} duties`);
    for (const r of mine)
      out.push(`  ${shownKey(r.duty).padEnd(44)} ${r.duty.owner.padEnd(8)} ${r.duty.label}`);
  }
  const gaps = all.filter((r) => r.team === null).length;
  out.push('', `Owned by no team: ${gaps} duties${gaps ? ' (srm owners --unowned lists them)' : ''}`);
  return out.join('\n');
}

/** `srm owners --unowned`: every customer or shared duty no rule gives a team, grouped by service. */
export function unownedReport(dir: OrgDirectory, opts: { csv?: boolean } = {}): string {
  const gaps = rows(dir).filter((r) => r.team === null);
  if (opts.csv) return toCsv(dir, gaps);
  const fallback = dir.file.default ? dir.file.teams[dir.file.default]?.name : undefined;
  const out = [
    `Customer or shared duties no team owns: ${gaps.length}` +
      (fallback ? ` (until one does, questions about them go to ${fallback}, the default team)` : ''),
  ];
  for (const s of dir.services) {
    const mine = gaps.filter((r) => r.duty.service === s.id);
    if (mine.length === 0) continue;
    out.push('', `${s.name} (${s.id}): ${mine.length}`);
    for (const r of mine)
      out.push(
        `  ${r.duty.key.padEnd(44)} ${r.duty.topic.padEnd(22)} ${r.duty.owner.padEnd(8)} ${r.duty.label}`,
      );
  }
  return out.join('\n');
}
