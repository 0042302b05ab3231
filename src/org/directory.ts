import type { OwnersDirectory, ServiceOwners } from '../core/org.js';
import type { OurTeam } from '../core/reply.js';
import type { KbProblem } from '../kb/errors.js';
import { type Owner, TOPICS, type TopicId } from '../kb/ids.js';
import type { KnowledgeBase } from '../kb/load.js';
import type { Duty, Service, TopicEntry } from '../kb/schema.js';
import type { OrgFile, OrgRule } from './schema.js';

/**
 * The ownership file resolved against the knowledge base: which of the company's teams owns each
 * customer or shared duty. Pure: the file is read by src/org/load.ts.
 *
 * Precedence, most specific first (the first level with a matching rule wins):
 *   1. `duty:`            the duty's own key (`rds.maintenance-window`, `model.guest-os-patching`)
 *   2. `service:` + `topic:`  a topic of a service ("backup of rds and aurora")
 *   3. `service:`         every customer or shared duty of a service
 *   4. `topic:`           a topic on every service ("iam", wherever it is)
 *   5. `default:`         the default team, when no rule names one
 * Two rules of one level that both match a duty are an error (`srm validate` names them).
 */

export const LEVELS = ['duty', 'service+topic', 'service', 'topic'] as const;
export type Level = (typeof LEVELS)[number];

/** A customer or shared duty of one service, as the company owns it. */
export interface OwnableDuty {
  key: string;
  service: string;
  serviceName: string;
  topic: TopicId;
  label: string;
  owner: Owner;
}

export interface Rule {
  index: number;
  level: Level;
  duties: ReadonlySet<string>;
  services: ReadonlySet<string>;
  topics: ReadonlySet<string>;
  team: string;
  runbook: string | null;
}

function isEntry(e: unknown): e is TopicEntry {
  return typeof e === 'object' && e !== null && 'owner' in e;
}

/** A duty the customer can own: customer or shared, or moved to the customer by one of its conditions. */
function ownable(d: Duty): boolean {
  return d.owner !== 'aws' || d.conditions.some((c) => c.owner !== 'aws');
}

/**
 * Every customer or shared duty of a service: its own duties, and the model-level duties of its service
 * model in topics where it has no duty of its own (where it has one, the model-level ones step back, as
 * they do in the answers).
 */
export function serviceDuties(kb: KnowledgeBase, service: Service): OwnableDuty[] {
  const everyService = new Set(kb.topics.filter((t) => t.appliesToEveryService).map((t) => t.id));
  const out: OwnableDuty[] = [];
  const topicsWithOwn = new Set<TopicId>();
  for (const topic of TOPICS) {
    const entry = service.topics[topic];
    if (!isEntry(entry)) continue;
    if (entry.duties.length) topicsWithOwn.add(topic);
    for (const d of entry.duties)
      if (d.owner !== 'aws')
        out.push({
          key: `${service.id}.${d.id}`,
          service: service.id,
          serviceName: service.name,
          topic,
          label: d.label,
          owner: d.owner,
        });
  }
  for (const g of kb.generalDuties) {
    if (g.owner === 'aws' || topicsWithOwn.has(g.topic)) continue;
    if (g.models && !g.models.includes(service.model)) continue;
    if (!everyService.has(g.topic) && !isEntry(service.topics[g.topic])) continue;
    out.push({
      key: `model.${g.id}`,
      service: service.id,
      serviceName: service.name,
      topic: g.topic,
      label: g.label,
      owner: g.owner,
    });
  }
  return out;
}

function toRule(r: OrgRule, index: number): Rule {
  const level: Level = r.duty
    ? 'duty'
    : r.service && r.topic
      ? 'service+topic'
      : r.service
        ? 'service'
        : 'topic';
  return {
    index,
    level,
    duties: new Set(r.duty ?? []),
    services: new Set(r.service ?? []),
    topics: new Set(r.topic ?? []),
    team: r.team,
    runbook: r.runbook ?? null,
  };
}

function matches(r: Rule, duty: string | null, service: string | null, topic: string | null): boolean {
  switch (r.level) {
    case 'duty':
      return duty !== null && r.duties.has(duty);
    case 'service+topic':
      return service !== null && topic !== null && r.services.has(service) && r.topics.has(topic);
    case 'service':
      return service !== null && r.services.has(service);
    case 'topic':
      return topic !== null && r.topics.has(topic);
  }
}

export interface OrgDirectory extends OwnersDirectory {
  readonly file: OrgFile;
  /** The rule that owns a duty, or null (the default team, if any, is then asked). */
  ruleFor(duty: string | null, service: string | null, topic: TopicId | null): Rule | null;
  /** The services the report covers: the file's `services:`, or every service of the knowledge base. */
  readonly services: readonly Service[];
  duties(service: Service): OwnableDuty[];
}

/** Builds the directory; the file must have passed `checkOrg` (unknown teams are skipped, not thrown). */
export function buildDirectory(file: OrgFile, kb: KnowledgeBase): OrgDirectory {
  const rules = file.rules.map(toRule);
  const byService = new Map(kb.services.map((s) => [s.id, s]));
  const teamOf = (id: string, runbook: string | null, isDefault: boolean): OurTeam | undefined => {
    const t = file.teams[id];
    if (!t) return undefined;
    const url = runbook ?? t.runbook ?? null;
    return {
      id,
      name: t.name,
      slackChannel: t.slack ?? null,
      teamsChannel: t.teams ?? null,
      contact: t.contact ?? null,
      runbook: url ? { title: `${t.name} runbook`, url } : null,
      isDefault,
    };
  };
  const ruleFor = (duty: string | null, service: string | null, topic: TopicId | null): Rule | null => {
    for (const level of LEVELS) {
      const r = rules.find((x) => x.level === level && matches(x, duty, service, topic));
      if (r) return r;
    }
    return null;
  };
  const duties = (s: Service) => serviceDuties(kb, s);
  const used = file.services.length ? file.services.flatMap((id) => byService.get(id) ?? []) : kb.services;

  return {
    file,
    services: used,
    duties,
    ruleFor,
    teamFor(duty, service, topic) {
      const r = ruleFor(duty, service, topic);
      if (r) return teamOf(r.team, r.runbook, false) ?? null;
      return file.default ? (teamOf(file.default, null, true) ?? null) : null;
    },
    team: (id) => teamOf(id, null, id === file.default),
    ownersOf(serviceId): ServiceOwners {
      const s = byService.get(serviceId);
      if (!s) return { teams: [], unowned: [] };
      const teams = new Map<string, { team: OurTeam; duties: string[] }>();
      const unowned: string[] = [];
      for (const d of duties(s)) {
        const r = ruleFor(d.key, d.service, d.topic);
        const team = r ? teamOf(r.team, r.runbook, false) : undefined;
        if (!team) {
          unowned.push(d.label);
          continue;
        }
        const row = teams.get(team.id) ?? { team, duties: [] };
        row.duties.push(d.label);
        teams.set(team.id, row);
      }
      return { teams: [...teams.values()], unowned };
    },
  };
}

/**
 * Checks the file against the knowledge base: unknown duty, service, topic and team ids, rules for
 * AWS's own duties, and two rules of one precedence level that both match a duty. Every problem is
 * appended, so all are reported together.
 */
export function checkOrg(file: OrgFile, kb: KnowledgeBase, shown: string, problems: KbProblem[]): void {
  const push = (field: string, message: string) => problems.push({ file: shown, field, message });
  const services = new Map(kb.services.map((s) => [s.id, s]));
  const allDuties = new Map<string, Duty>();
  for (const s of kb.services)
    for (const t of TOPICS) {
      const e = s.topics[t];
      if (isEntry(e)) for (const d of e.duties) allDuties.set(`${s.id}.${d.id}`, d);
    }
  for (const g of kb.generalDuties) allDuties.set(`model.${g.id}`, g);
  const topics = new Set<string>(TOPICS);
  const teamIds = Object.keys(file.teams);
  const team = (field: string, id: string) => {
    if (!file.teams[id]) push(field, `unknown team "${id}" (teams: ${teamIds.join(', ')})`);
  };

  if (file.default) team('default', file.default);
  file.services.forEach((id, i) => {
    if (!services.has(id)) push(`services.${i}`, `unknown service "${id}"${nearest(id, services.keys())}`);
  });
  file.rules.forEach((r, i) => {
    team(`rules.${i}.team`, r.team);
    r.duty?.forEach((key, j) => {
      const d = allDuties.get(key);
      if (!d) push(`rules.${i}.duty.${j}`, `unknown duty "${key}"${nearest(key, allDuties.keys())}`);
      else if (!ownable(d))
        push(`rules.${i}.duty.${j}`, `"${key}" is AWS's duty: only customer or shared duties take a team`);
    });
    r.service?.forEach((id, j) => {
      if (!services.has(id))
        push(`rules.${i}.service.${j}`, `unknown service "${id}"${nearest(id, services.keys())}`);
    });
    r.topic?.forEach((id, j) => {
      if (!topics.has(id)) push(`rules.${i}.topic.${j}`, `unknown topic "${id}"${nearest(id, topics)}`);
    });
  });

  // Two rules of one level for one duty: reported once per pair of rules, with the first duty and a count.
  const rules = file.rules.map(toRule);
  const clashes = new Map<string, { a: Rule; b: Rule; duty: string; more: number }>();
  for (const s of kb.services) {
    for (const d of serviceDuties(kb, s)) {
      for (const level of LEVELS) {
        const hit = rules.filter((r) => r.level === level && matches(r, d.key, d.service, d.topic));
        for (let k = 1; k < hit.length; k++) {
          const a = hit[0] as Rule;
          const b = hit[k] as Rule;
          const id = `${a.index}:${b.index}`;
          const known = clashes.get(id);
          if (known) known.more++;
          else clashes.set(id, { a, b, duty: d.key, more: 0 });
        }
      }
    }
  }
  for (const { a, b, duty, more } of clashes.values()) {
    push(
      `rules.${b.index}`,
      `same precedence (${b.level}) as rules.${a.index} for ${duty}${more ? ` and ${more} more duties` : ''}: ` +
        'make one rule more specific or merge them',
    );
  }
}

/** ` (did you mean "x"?)` for a close id, else ''. */
function nearest(id: string, ids: Iterable<string>): string {
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(id.length / 4)) + 1;
  for (const c of ids) {
    const d = editDistance(id, c, bestD);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}
