import Fuse from 'fuse.js';
import type { Owner } from '../../kb/ids.js';
import type { KnowledgeBase } from '../../kb/load.js';
import type { Duty, TopicEntry } from '../../kb/schema.js';
import { oneLine } from '../answer/line.js';
import { EXAMPLES } from '../answer/messages.js';
import type { Suggestion } from '../reply.js';
import { TUNABLES } from '../tunables.js';

/**
 * Search-as-you-type over the duties ("rds patch", "maintenance windw"): what a compose-box search
 * (Teams' message extension) lists. Built once at start-up with fuse.js over each duty's label, objects,
 * phrases and its service's names; never on the per-message path, which has its own matcher
 * (match/duties.ts). A hit names the duty by key: the adapter asks the engine `duty <key>` for its answer.
 */

/** One duty as a search result lists it: what it is, who owns it, one line of what the owner does. */
export interface DutyHit {
  /** `rds.maintenance-window`; `duty <key>` asks the engine for its answer. */
  key: string;
  /** "Amazon RDS: Choosing the maintenance window" */
  title: string;
  owner: Owner;
  /** The owner's part, cut to one line. */
  line: string;
}

export type DutySearchResult =
  | { kind: 'hits'; query: string; hits: DutyHit[] }
  /** Nothing matched (or the query was empty): questions that do have answers. */
  | { kind: 'none'; query: string; examples: Suggestion[] };

export interface DutySearch {
  search(query: string, limit?: number): DutySearchResult;
  /** How many duties the index holds. */
  readonly size: number;
}

interface Doc {
  key: string;
  label: string;
  service: string[];
  words: string[];
  hit: DutyHit;
}

function isEntry(e: TopicEntry | { notApplicable: string } | undefined): e is TopicEntry {
  return e !== undefined && 'owner' in e;
}

function hitOf(key: string, serviceName: string | null, duty: Duty, area: TopicEntry | null): DutyHit {
  const own = duty.owner === 'aws' ? (duty.aws ?? area?.aws) : (duty.customer ?? area?.customer);
  const other = duty.owner === 'aws' ? duty.customer : duty.aws;
  return {
    key,
    title: serviceName ? `${serviceName}: ${duty.label}` : duty.label,
    owner: duty.owner,
    line: oneLine(own ?? other ?? duty.label, TUNABLES.search.lineChars),
  };
}

/** Builds the search index over every service duty and model-level duty of the knowledge base. */
export function buildDutySearch(kb: KnowledgeBase): DutySearch {
  const docs: Doc[] = [];
  for (const s of kb.services) {
    for (const e of Object.values(s.topics)) {
      if (!isEntry(e)) continue;
      for (const duty of e.duties) {
        const key = `${s.id}.${duty.id}`;
        docs.push({
          key,
          label: duty.label,
          service: [s.name, s.id, ...s.aliases],
          words: [...duty.objects.filter((o) => !o.startsWith('@')), ...duty.phrases],
          hit: hitOf(key, s.name, duty, e),
        });
      }
    }
  }
  for (const d of kb.generalDuties) {
    const key = `model.${d.id}`;
    docs.push({
      key,
      label: d.label,
      service: [],
      words: [...d.objects.filter((o) => !o.startsWith('@')), ...d.phrases],
      hit: hitOf(key, null, d, null),
    });
  }
  const keys = [
    { name: 'label', weight: 3 },
    { name: 'service', weight: 2 },
    { name: 'words', weight: 2 },
  ];
  // Token search: each word of the query is matched fuzzily on its own and all must match somewhere
  // ("maintenance windw" needs both words), scored by TF-IDF.
  const options = {
    keys,
    useTokenSearch: true,
    tokenMatch: 'all' as const,
    ignoreLocation: true,
    threshold: TUNABLES.search.threshold,
  };
  const all = new Fuse(docs, options);
  // A query that names a service ("rds patch") searches that service's duties for the other words: a
  // few dozen documents instead of a thousand, and no "patch" ≈ "watch" hit on another service.
  const byService = new Map<string, { docs: Doc[]; fuse: Fuse<Doc> }>();
  const serviceNames: { name: string; id: string }[] = [];
  for (const s of kb.services) {
    const own = docs.filter((d) => d.key.startsWith(`${s.id}.`));
    byService.set(s.id, { docs: own, fuse: new Fuse(own, options) });
    for (const n of new Set([s.id, ...s.aliases].map((a) => a.toLowerCase())))
      serviceNames.push({ name: n, id: s.id });
  }
  // Longest names first, so "rds custom" is not read as "rds".
  serviceNames.sort((x, y) => y.name.length - x.name.length);

  return {
    size: docs.length,
    search(raw, limit = TUNABLES.search.results) {
      // fuse.js matches at most 32 characters of a word; a longer word is cut rather than compared slowly.
      const query = raw
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, TUNABLES.search.maxQueryChars)
        .split(' ')
        .map((w) => w.slice(0, 32))
        .join(' ');
      const none = (): DutySearchResult => ({
        kind: 'none',
        query: raw.trim().slice(0, 100),
        examples: EXAMPLES,
      });
      if (query.replace(/\s/g, '').length < TUNABLES.search.minQueryChars) return none();
      const padded = ` ${query} `;
      const named = serviceNames.find((n) => padded.includes(` ${n.name} `));
      let found: Doc[];
      if (named) {
        const scope = byService.get(named.id);
        const rest = padded.replace(` ${named.name} `, ' ').trim();
        // A name of several words may be the whole query ("lambda runtime" names Lambda): then every
        // word is searched within the service, and with nothing else the service's duties are listed.
        const within = (q: string) => scope?.fuse.search(q, { limit }).map((r) => r.item) ?? [];
        found = rest ? within(rest) : within(query);
        if (!found.length && !rest) found = scope?.docs.slice(0, limit) ?? [];
      } else {
        found = all.search(query, { limit }).map((r) => r.item);
      }
      return found.length ? { kind: 'hits', query, hits: found.map((d) => d.hit) } : none();
    },
  };
}
