import type { ControlId, Owner, TopicId } from '../../kb/ids.js';
import type { KnowledgeBase } from '../../kb/load.js';
import type { TopicEntry } from '../../kb/schema.js';
import { ONBOARDING } from '../answer/messages.js';
import type { DutyRecord } from '../match/duties.js';
import type { ControlRef, Link } from '../reply.js';
import { firstSentence } from './tour.js';

/**
 * The quiz's questions, generated from the knowledge base's duties, never written by hand: one per
 * duty whose owner is certain (a duty with conditions can change owner, so it is left out rather than
 * teach a disputed answer).
 */

export const LEVELS = ['model', 'iaas', 'managed', 'abstracted', 'mixed'] as const;
export type LevelId = (typeof LEVELS)[number];

export interface QuizQuestion {
  /** The duty's key (`rds.maintenance-window`, `model.hypervisor-patching`). */
  id: string;
  level: Exclude<LevelId, 'mixed'> | 'other';
  prompt: string;
  owner: Owner;
  /** The duty's own one-line reason: the owning side's text (both sides' for a shared duty). */
  reason: string;
  control: ControlRef | null;
  source: Link;
}

export interface QuizBank {
  all: readonly QuizQuestion[];
  get(id: string): QuizQuestion | undefined;
  /** The questions of a level (mixed: all of them). */
  of(level: LevelId): readonly QuizQuestion[];
}

export function buildQuizBank(kb: KnowledgeBase): QuizBank {
  const all = dutyRecords(kb)
    .filter((r) => r.duty.conditions.length === 0)
    .map((r) => question(kb, r));
  const byId = new Map(all.map((q) => [q.id, q]));
  const byLevel = new Map<LevelId, QuizQuestion[]>(LEVELS.map((l) => [l, []]));
  for (const q of all) {
    byLevel.get('mixed')?.push(q);
    if (q.level !== 'other') byLevel.get(q.level)?.push(q);
  }
  return { all, get: (id) => byId.get(id), of: (l) => byLevel.get(l) ?? [] };
}

/**
 * Every duty with its key, as src/core/match/duties.ts keys them (a test checks the two agree), without
 * building the matcher's phrase index, which costs over 100 ms.
 */
function dutyRecords(kb: KnowledgeBase): Pick<DutyRecord, 'key' | 'service' | 'topic' | 'duty'>[] {
  const out: Pick<DutyRecord, 'key' | 'service' | 'topic' | 'duty'>[] = [];
  for (const s of kb.services)
    for (const [topic, e] of Object.entries(s.topics)) {
      if (!e || !('duties' in e)) continue;
      for (const duty of e.duties)
        out.push({ key: `${s.id}.${duty.id}`, service: s.id, topic: topic as TopicId, duty });
    }
  for (const d of kb.generalDuties)
    out.push({ key: `model.${d.id}`, service: null, topic: d.topic, duty: d });
  return out;
}

function question(
  kb: KnowledgeBase,
  r: Pick<DutyRecord, 'key' | 'service' | 'topic' | 'duty'>,
): QuizQuestion {
  const d = r.duty;
  const service = r.service ? kb.services.find((s) => s.id === r.service) : undefined;
  const raw = service?.topics[r.topic];
  const area: TopicEntry | undefined = raw && 'owner' in raw ? raw : undefined;
  const general = kb.topics.find((t) => t.id === r.topic)?.general;
  const aws = d.aws ?? area?.aws ?? general?.aws ?? '';
  const customer = d.customer ?? area?.customer ?? general?.customer ?? '';
  const reason =
    d.owner === 'aws'
      ? firstSentence(aws)
      : d.owner === 'customer'
        ? firstSentence(customer)
        : `AWS: ${firstSentence(aws)} You: ${firstSentence(customer)}`;
  const controlId: ControlId | undefined =
    d.controls?.[0] ?? area?.controls[0] ?? kb.topics.find((t) => t.id === r.topic)?.controls[0];
  const c = controlId ? kb.controls.find((x) => x.id === controlId) : undefined;
  const url = d.sources[0] as string;
  const model = service?.model;
  return {
    id: r.key,
    level: !service ? 'model' : model === 'saas' || !model ? 'other' : model,
    prompt: ONBOARDING.prompt(d.label, service?.name ?? null),
    owner: d.owner,
    reason,
    control: c ? { id: c.id, name: c.name, kind: c.kind, summary: firstSentence(c.summary) } : null,
    source: { title: kb.linkTitles.get(url) ?? url, url },
  };
}
