import { resolveEntry } from '../core/answer/entry.js';
import { TOPICS, type TopicId } from '../kb/ids.js';
import type { KnowledgeBase } from '../kb/load.js';

const LETTER = { aws: 'A', customer: 'C', shared: 'S' } as const;
const OPTIONAL: ReadonlySet<TopicId> = new Set(['incident-response', 'training']);

/**
 * The service × topic table: the owner's letter (a topic whose general answer holds for every service,
 * such as training, counts with that answer's owner), `-` for not applicable, `?` for a topic that is
 * missing or incomplete. `ok` is false when any applicable cell lacks an owner, a source or a side's text.
 */
export function coverageReport(kb: KnowledgeBase): { ok: boolean; text: string; gaps: string[] } {
  const short = (t: string) =>
    t.replace('encryption-', 'enc-').replace('physical-security', 'phys').slice(0, 6);
  const header = ['service'.padEnd(18), ...TOPICS.map((t) => short(t).padEnd(6)), 'duties'].join(' ');
  const lines = [header];
  const gaps: string[] = [];
  const totals = { A: 0, C: 0, S: 0, '-': 0, '?': 0 };
  let dutyTotal = 0;
  const topics = new Map(kb.topics.map((t) => [t.id, t]));
  for (const s of kb.services) {
    const cells = TOPICS.map((t) => {
      const r = resolveEntry(s, t, topics.get(t));
      const e = r.kind === 'notApplicable' ? undefined : r.entry;
      let cell: keyof typeof totals;
      if (!e) {
        // Incident response and training need an entry only where something service-specific exists.
        cell = r.kind === 'notApplicable' && r.reason === null && !OPTIONAL.has(t) ? '?' : '-';
        if (cell === '?') gaps.push(`${s.id}/${t}: missing (add an entry or notApplicable with a reason)`);
      } else if (!e.sources.length || !e.aws.trim() || !e.customer.trim()) {
        cell = '?';
        gaps.push(`${s.id}/${t}: needs an owner, a source URL and both sides' text`);
      } else {
        cell = LETTER[e.owner];
      }
      totals[cell]++;
      return cell.padEnd(6);
    });
    const duties = Object.values(s.topics).flatMap((e) => (e && 'duties' in e ? e.duties : []));
    const byOwner = (o: string) => duties.filter((d) => d.owner === o).length;
    dutyTotal += duties.length;
    lines.push(
      [
        s.id.padEnd(18),
        ...cells,
        `${duties.length} (A ${byOwner('aws')}, C ${byOwner('customer')}, S ${byOwner('shared')})`,
      ].join(' '),
    );
  }
  lines.push(
    '',
    `${kb.services.length} services; cells: A=${totals.A} C=${totals.C} S=${totals.S} not applicable=${totals['-']} gaps=${totals['?']}`,
    `duties: ${dutyTotal} in services, ${kb.generalDuties.length} model-level`,
    ...gaps.map((g) => `gap: ${g}`),
  );
  return { ok: gaps.length === 0, text: lines.join('\n'), gaps };
}
