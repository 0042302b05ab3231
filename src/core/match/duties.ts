import type { Owner, ServiceModelId, TopicId } from '../../kb/ids.js';
import type { KnowledgeBase } from '../../kb/load.js';
import type { Duty, DutyCondition, Service, TopicEntry } from '../../kb/schema.js';
import { TUNABLES } from '../tunables.js';
import { normalize, words } from './normalize.js';
import { stem } from './stem.js';

/**
 * Finds the duty a message asks about: an action (a class of words from data/vocabulary.json) done to
 * an object (a duty's own words), or a whole phrase that names the duty. The headline owner is the best
 * duty's owner (RESPONSIBILITY.md section 1). Built from the knowledge base once, at start-up; a message
 * costs one pass over its stems plus a score for each duty of the service it names.
 */

/** A duty with where it lives: a service × topic entry, or the model-level list. */
export interface DutyRecord {
  /** `rds.maintenance-window`, or `model.hypervisor-patching` for a model-level duty. */
  key: string;
  service: string | null;
  topic: TopicId;
  duty: Duty;
  /** Model-level duties: the service models they hold for when a service is named. */
  models: readonly ServiceModelId[] | null;
  whenNoService: boolean;
}

export interface DutyMatch {
  record: DutyRecord;
  score: number;
  /** The owner for this message: the duty's, or its condition's when the message states one. */
  owner: Owner;
  condition: DutyCondition | null;
  /** Where the message states that condition (stem positions), or null. */
  conditionAt: { start: number; end: number } | null;
  /** The message named one of the duty's objects or phrases (not only its action). */
  specific: boolean;
  /** The message used one of the duty's own action words or phrases, not only "who is responsible". */
  ownWords: boolean;
  /** The message asks whose responsibility something is ("responsible for", "on us", "whose job"). */
  ownership: boolean;
  /** Where the duty's own action word starts in the message (stem position), or null. */
  actionAt: number | null;
}

/** Where a phrase of the vocabulary or of a duty occurs in a message. */
interface Hit {
  start: number;
  end: number;
}

type Ref =
  | { kind: 'action'; id: string }
  | { kind: 'any' }
  | { kind: 'ownership' }
  | { kind: 'object'; key: string; text: string }
  | { kind: 'phrase'; key: string; text: string }
  | { kind: 'condition'; key: string; index: number };

/** One word sequence, with every phrase of the vocabulary and the duties that is written so. */
interface Entry {
  stems: string[];
  refs: Ref[];
  /** The same refs by whose they are: '' the vocabulary's, 'model' the model-level duties', else a
   * service id. A message about one service reads only its refs, however many services share a word. */
  byOwner: Map<string, Ref[]>;
  /** Some ref is an action: the sequence may skip a pronoun ("back it up"). */
  action: boolean;
}

export interface DutyIndex {
  readonly all: readonly DutyRecord[];
  get(key: string): DutyRecord | undefined;
  /**
   * Duties that fit the message, best first. `service`: the service asked about (its duties, and the
   * model-level duties that hold for its service model); none: the model-level duties. `topics`: the
   * topics the message names, which break ties.
   */
  rank(message: DutyQuery, service: Service | null, topics: ReadonlySet<TopicId>): DutyMatch[];
  /** With no service named: model-level duties and the service duties the message names by their own
   * words, best first. */
  infer(message: DutyQuery, topics: ReadonlySet<TopicId>): DutyMatch[];
}

/** A message as the duty matcher reads it. */
export interface DutyQuery {
  /** Stems of the message. */
  stems: readonly string[];
  /** Positions that name a service: skipped for actions and objects ("aws managed kms keys" reads as
   * "aws managed keys"), kept for conditions ("rds custom"). */
  serviceAt?: ReadonlySet<number>;
  /** Every position inside a service's name ("ec2 instances"): an object found only there named the
   * service, not the task ("instances" is no object in "who owns network security for ec2 instances"). */
  inService?: ReadonlySet<number>;
  /** Positions of words that name a topic ("backups", "patching", "compliance"): after "responsible
   * for", such a word names an area, not a task ("enabling" is not a topic's name). */
  topicAt?: ReadonlySet<number>;
  /** With no service: the service model the message names ("who patches the guest OS on IaaS"), so the
   * model-level duties of that model answer instead of those for no service. */
  model?: ServiceModelId | null;
  /** The message asks who owns what it names without a word of asking: a follow-up ("and versioning?"
   * after an S3 question asks who turns versioning on). */
  asks?: boolean;
}

function isEntry(e: TopicEntry | { notApplicable: string } | undefined): e is TopicEntry {
  return e !== undefined && 'owner' in e;
}

/** Where a message states one of a duty's conditions. */
interface ConditionHit extends Hit {
  index: number;
}

/**
 * The condition a message states last ("and in auto mode?" after "self-managed nodes"; "and managed node
 * groups?" after "auto mode"). A phrase inside a longer one of the same duty is not stated by itself:
 * "managed node groups" in "self-managed node groups", "shield advanced" in "without shield advanced".
 */
function statedCondition(hits: readonly ConditionHit[] | undefined): ConditionHit | undefined {
  if (!hits) return undefined;
  const inside = (h: ConditionHit) =>
    hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start);
  return hits
    .filter((h) => !inside(h))
    .reduce<ConditionHit | undefined>(
      (b, h) => (!b || h.start > b.start || (h.start === b.start && h.end > b.end) ? h : b),
      undefined,
    );
}

/** Words between the two halves of a phrasal verb: "back it up", "turn them on", "lock this down". */
const PRONOUNS: ReadonlySet<string> = new Set([
  'it',
  'them',
  'thi',
  'this',
  'that',
  'these',
  'those',
  'those',
]);

export function buildDutyIndex(kb: KnowledgeBase): DutyIndex {
  const records: DutyRecord[] = [];
  const byService = new Map<string, DutyRecord[]>();
  for (const s of kb.services) {
    const list: DutyRecord[] = [];
    for (const [topic, e] of Object.entries(s.topics)) {
      if (!e || !('duties' in e)) continue;
      for (const duty of e.duties) {
        list.push({
          key: `${s.id}.${duty.id}`,
          service: s.id,
          topic: topic as TopicId,
          duty,
          models: null,
          whenNoService: false,
        });
      }
    }
    byService.set(s.id, list);
    records.push(...list);
  }
  const general: DutyRecord[] = kb.generalDuties.map((d) => ({
    key: `model.${d.id}`,
    service: null,
    topic: d.topic,
    duty: d,
    models: d.models ?? null,
    whenNoService: d.whenNoService,
  }));
  records.push(...general);
  const byKey = new Map(records.map((r) => [r.key, r]));

  // Every phrase by its first stem, so one pass over the message finds them all.
  const byFirst = new Map<string, Entry[]>();
  const byText = new Map<string, Entry>();
  /** Objects written "@patch": any word of that action class, read as the object ("schedule" × "@patch"). */
  const classObjects = new Map<string, { key: string; cls: string }[]>();
  // Objects repeat across duties ("data", "security groups"): read each text once.
  const stemsOf = new Map<string, string[]>();
  const add = (text: string, ref: Ref) => {
    let stems = stemsOf.get(text);
    if (!stems) {
      // Data phrases are mostly plain lower-case words already: normalize only the others.
      stems = words(/^[a-z0-9]+( [a-z0-9]+)*$/.test(text) ? text : normalize(text)).map(stem);
      stemsOf.set(text, stems);
    }
    if (stems.length === 0) return;
    const key = stems.join(' ');
    const known = byText.get(key);
    const owner = 'key' in ref ? ref.key.slice(0, ref.key.indexOf('.')) : '';
    if (known) {
      known.refs.push(ref);
      const mine = known.byOwner.get(owner);
      if (mine) mine.push(ref);
      else known.byOwner.set(owner, [ref]);
      known.action ||= ref.kind === 'action';
      return;
    }
    const entry: Entry = {
      stems,
      refs: [ref],
      byOwner: new Map([[owner, [ref]]]),
      action: ref.kind === 'action',
    };
    byText.set(key, entry);
    const first = stems[0] as string;
    const list = byFirst.get(first) ?? [];
    list.push(entry);
    byFirst.set(first, list);
  };
  for (const [id, list] of Object.entries(kb.vocabulary.actions))
    for (const p of list) add(p, { kind: 'action', id });
  for (const p of kb.vocabulary.anyAction) add(p, { kind: 'any' });
  for (const p of kb.vocabulary.ownership) add(p, { kind: 'ownership' });
  for (const r of records) {
    for (const o of r.duty.objects) {
      if (o.startsWith('@'))
        classObjects.set(r.key, [...(classObjects.get(r.key) ?? []), { key: r.key, cls: o.slice(1) }]);
      else add(o, { kind: 'object', key: r.key, text: o });
    }
    for (const p of r.duty.phrases) add(p, { kind: 'phrase', key: r.key, text: p });
    r.duty.conditions.forEach((c, index) => {
      for (const p of c.phrases) add(p, { kind: 'condition', key: r.key, index });
    });
  }

  /** Finds every phrase in `stems`; actions may skip one pronoun between their words. */
  /** `owners`: whose duties' words to read (null: every duty's). */
  function scan(stems: readonly string[], conditionsOnly: boolean, owners: readonly string[] | null) {
    const actions = new Map<string, Hit[]>();
    const anyHits: Hit[] = [];
    const ownershipHits: Hit[] = [];
    const objects = new Map<string, Hit[]>();
    const phrases = new Map<string, Hit[]>();
    const conditions = new Map<string, ConditionHit[]>();
    const push = <K, H extends Hit>(m: Map<K, H[]>, k: K, h: H) => {
      const list = m.get(k);
      if (list) list.push(h);
      else m.set(k, [h]);
    };
    const matchAt = (e: Entry, i: number, skipPronoun: boolean): number => {
      let j = i;
      for (let k = 0; k < e.stems.length; k++) {
        if (k === 1 && skipPronoun && PRONOUNS.has(stems[j] ?? '') && stems[j + 1] === e.stems[1]) j++;
        if (stems[j] !== e.stems[k]) return -1;
        j++;
      }
      return j;
    };
    for (let i = 0; i < stems.length; i++) {
      const entries = byFirst.get(stems[i] as string);
      if (!entries) continue;
      for (const e of entries) {
        const plain = matchAt(e, i, false);
        const split = e.action && e.stems.length > 1 && plain < 0 ? matchAt(e, i, true) : -1;
        if (plain < 0 && split < 0) continue;
        const refs =
          owners !== null
            ? owners.flatMap((o) => e.byOwner.get(o) ?? [])
            : // Reading every service (to infer one): words that many services share cannot tell
              // which one is meant, so only the vocabulary's and the model's refs are read for them.
              e.byOwner.size > TUNABLES.duty.inferMaxServices
              ? [...(e.byOwner.get('') ?? []), ...(e.byOwner.get('model') ?? [])]
              : e.refs;
        for (const ref of refs) {
          if (conditionsOnly !== (ref.kind === 'condition')) continue;
          const end = ref.kind === 'action' && split >= 0 ? split : plain;
          if (end < 0) continue;
          const hit = { start: i, end };
          switch (ref.kind) {
            case 'action':
              // A verb used as an adjective of the model's own nouns is no action: "a shared
              // responsibility", "a managed control".
              if (!modelNouns.has(stems[end] ?? '')) push(actions, ref.id, hit);
              break;
            case 'any':
              anyHits.push(hit);
              break;
            case 'ownership':
              anyHits.push(hit);
              ownershipHits.push(hit);
              break;
            case 'object':
              push(objects, ref.key, hit);
              break;
            case 'phrase':
              push(phrases, ref.key, hit);
              break;
            case 'condition':
              push(conditions, ref.key, { ...hit, index: ref.index });
              break;
          }
        }
      }
    }
    // The longest object wins where objects overlap: "host operating system" is not "operating system".
    const all = [...objects.values()].flat();
    const inside = (h: Hit) =>
      all.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start);
    for (const [k, hits] of objects) {
      const kept = hits.filter((h) => !inside(h));
      if (kept.length) objects.set(k, kept);
      else objects.delete(k);
    }
    // "is configuration management shared?": a yes/no question about the owner.
    if (stems[stems.length - 1] === 'share') {
      const last = { start: stems.length - 1, end: stems.length };
      anyHits.push(last);
      ownershipHits.push(last);
    }
    return { actions, anyHits, ownershipHits, objects, phrases, conditions };
  }

  const whoFillers: ReadonlySet<string> = new Set(kb.vocabulary.whoFillers.map(stem));
  // The one-word names of AWS as a side ("aws", "amazon"), as stems: "AWS publishes" says what AWS does.
  const awsSubject: ReadonlySet<string> = new Set(
    (kb.vocabulary.sides?.aws ?? []).filter((w) => !w.includes(' ')).map(stem),
  );
  // The model's nouns ("responsibility", "control"), after which an action word is an adjective.
  const modelNouns: ReadonlySet<string> = new Set(kb.vocabulary.questionWords.modelNouns.map(stem));
  const everyService = new Set(kb.topics.filter((t) => t.appliesToEveryService).map((t) => t.id));
  function candidates(service: Service | null, model?: ServiceModelId | null): DutyRecord[] {
    if (!service && model) return general.filter((r) => r.models === null || r.models.includes(model));
    if (!service) return general.filter((r) => r.whenNoService);
    const own = byService.get(service.id) ?? [];
    // A model-level duty holds for a service of its models, in a topic that applies to the service
    // (backups are not a topic for AWS WAF).
    const applies = (t: TopicId) => everyService.has(t) || isEntry(service.topics[t]);
    return [
      ...own,
      ...general.filter((r) => (r.models === null || r.models.includes(service.model)) && applies(r.topic)),
    ];
  }

  const W = TUNABLES.duty;
  const longest = (hits: Hit[] | undefined) =>
    (hits ?? []).reduce<Hit | undefined>(
      (b, h) => (!b || h.end - h.start > b.end - b.start ? h : b),
      undefined,
    );

  function rank(message: DutyQuery, service: Service | null, topics: ReadonlySet<TopicId>): DutyMatch[] {
    const owners = service ? ['', 'model', service.id] : ['', 'model'];
    const out = score(message, candidates(service, message.model), topics, service !== null, owners);
    // A model-level duty stands in for a service that has none of its own for the task: where one of
    // the service's duties in the same topic fits, the model-level ones of that topic step back.
    return out.filter(
      (m) =>
        m.record.service !== null ||
        !out.some((o) => o.record.service !== null && o.record.topic === m.record.topic),
    );
  }

  /**
   * With no service named: the service duties whose own objects or phrases the message names ("who
   * writes the bucket policies" is S3's), best first, beside the model-level duties.
   */
  function infer(message: DutyQuery, topics: ReadonlySet<TopicId>): DutyMatch[] {
    const { found, stems, names } = read(message, null);
    const named = new Set([...found.objects.keys(), ...found.phrases.keys()]);
    // Words a model-level duty has too ("our data") name no service: only a service's own words infer it.
    // Nor does an area's own name ("incident response", "patching"): every service has the area.
    const ownWords = (k: string) =>
      [...(found.objects.get(k) ?? []), ...(found.phrases.get(k) ?? [])].some(
        (h) =>
          !byText.get(stems.slice(h.start, h.end).join(' '))?.byOwner.has('model') &&
          !names(h, message.topicAt),
      );
    const withWords = [...named].flatMap((k) => {
      const r = byKey.get(k);
      return r && r.service !== null && ownWords(k) ? [r] : [];
    });
    return score(message, [...withWords, ...candidates(null)], topics, false, null).filter(
      (m) => m.record.service === null || m.specific,
    );
  }

  /** The message read once, though rank and infer may score it several times. */
  let last: { message: DutyQuery; owners: string; read: ReturnType<typeof readUncached> } | undefined;
  function read(message: DutyQuery, owners: readonly string[] | null) {
    const key = owners === null ? '*' : owners.join(' ');
    if (last?.message !== message || last.owners !== key)
      last = { message, owners: key, read: readUncached(message, owners) };
    return last.read;
  }
  function readUncached(message: DutyQuery, owners: readonly string[] | null) {
    const skip = message.serviceAt ?? new Set<number>();
    const stems = skip.size ? message.stems.filter((_, i) => !skip.has(i)) : message.stems;
    const found = scan(stems, false, owners);
    const inService = message.inService;
    const original = message.stems.map((_, i) => i).filter((i) => !skip.has(i));
    const names = (h: Hit, at: ReadonlySet<number> | undefined) =>
      at !== undefined && original.slice(h.start, h.end).every((i) => at.has(i));
    const inName = (h: Hit) => names(h, inService);
    const conditions = scan(message.stems, true, owners).conditions;
    // The verb of the who-question ("with the workgroup set to automatic upgrades, who upgrades the
    // engine?": "upgrades", not "set"). Only words like "has to", "actually" may stand between ("who
    // builds the patched AMIs" asks about building, not patching), and such a filler may open the verb's
    // phrase ("who gets it into our functions").
    const who = stems.indexOf('who');
    let verb = who + 1;
    while (who >= 0 && verb < stems.length && whoFillers.has(stems[verb] as string)) verb++;
    const isWhoVerb = (h: Hit) => who >= 0 && h.start > who && h.start <= verb;
    /** Keeps the action hits `keep` accepts, dropping an action class left with none. */
    const keepActions = (keep: (id: string, h: Hit) => boolean) => {
      for (const [id, hits] of found.actions) {
        const kept = hits.filter((h) => keep(id, h));
        if (kept.length) found.actions.set(id, kept);
        else found.actions.delete(id);
      }
    };
    // Words inside a stated condition are the condition, not an action ("they're managed node groups":
    // "managed" manages nothing), unless the duty whose condition it is does that action itself ("with
    // auto minor version upgrade on" still upgrades), or they are the who-question's own verb ("who
    // switches on managed platform updates").
    const inCondition = new Map<number, Set<string>>();
    for (const [key, hits] of conditions) {
      const actions = byKey.get(key)?.duty.actions ?? [];
      for (const h of hits)
        for (let i = h.start; i < h.end; i++) {
          const set = inCondition.get(i) ?? new Set<string>();
          for (const a of actions) set.add(a);
          inCondition.set(i, set);
        }
    }
    if (inCondition.size > 0)
      keepActions(
        (id, h) =>
          isWhoVerb(h) ||
          !original.slice(h.start, h.end).every((i) => inCondition.has(i) && !inCondition.get(i)?.has(id)),
      );
    // What the message says AWS does ("AWS publishes new AMIs. Who actually rolls those out?") is the
    // context of a who-question, not what it asks: such a verb is no action when the question has a verb
    // of its own.
    if ([...found.actions.values()].some((hits) => hits.some(isWhoVerb)))
      keepActions((_, h) => !(h.start < who && awsSubject.has(stems[h.start - 1] ?? '')));
    let firstAction = Number.POSITIVE_INFINITY;
    let whoAt = -1;
    for (const hits of found.actions.values())
      for (const h of hits) {
        firstAction = Math.min(firstAction, h.start);
        if (isWhoVerb(h) && (whoAt < 0 || h.start < whoAt)) whoAt = h.start;
      }
    const whoAction = whoAt >= 0;
    const mainAt = whoAction ? whoAt : firstAction;
    return { found, conditions, firstAction, mainAt, whoVerb: whoAction, inName, names, stems };
  }

  /** `named`: a service was named, so its own duties lead the model-level ones on a tie. */
  function score(
    message: DutyQuery,
    among: readonly DutyRecord[],
    topics: ReadonlySet<TopicId>,
    named: boolean,
    owners: readonly string[] | null,
  ): DutyMatch[] {
    const { found, conditions, firstAction, mainAt, whoVerb, inName, names } = read(message, owners);
    const topicAt = message.topicAt;
    const out: DutyMatch[] = [];
    for (const r of among) {
      const d = r.duty;
      // Most duties share no word with the message: skip them before any work.
      const reachable =
        found.objects.has(r.key) ||
        found.phrases.has(r.key) ||
        (classObjects.get(r.key)?.some((c) => found.actions.has(c.cls)) ?? false) ||
        (d.default && d.actions.some((a) => found.actions.has(a)));
      if (!reachable) continue;
      const classHits = (classObjects.get(r.key) ?? []).flatMap((c) => found.actions.get(c.cls) ?? []);
      const objectHits = [...(found.objects.get(r.key) ?? []), ...classHits];
      const phrase = longest(found.phrases.get(r.key));
      // The duty's own action, outside the words of its object ("maintenance window" names the object;
      // "window" alone is no action then).
      const actionHits = d.actions.flatMap((a) => found.actions.get(a) ?? []);
      // Nor is a word of its own phrase ("patch" in "patch management").
      const outside = (h: Hit, o: Hit | undefined) => !o || h.end <= o.start || h.start >= o.end;
      const usable = (o: Hit | undefined) => actionHits.filter((h) => outside(h, o) && outside(h, phrase));
      // The object closest to an action is what the action is done to ("patch the hypervisor under our
      // instances"): prefer it, then the longest.
      const gap = (o: Hit) =>
        Math.min(
          99,
          ...usable(o).map((h) =>
            o.start >= h.end ? o.start - h.end : h.start >= o.end ? h.start - o.end : 99,
          ),
        );
      const object = objectHits.reduce<Hit | undefined>((b, o) => {
        if (!b) return o;
        const byGap = gap(o) - gap(b);
        return byGap < 0 || (byGap === 0 && o.end - o.start > b.end - b.start) ? o : b;
      }, undefined);
      const own = usable(object);
      const ownAction = own.length > 0;
      // The who-question's verb is the main action for a duty whose object the message names; a duty
      // found by its action alone ("who updates the instances" after "rds ca cert rotation") still
      // needs the message's first action.
      const main = own.some((h) => h.start === (object || phrase ? mainAt : firstAction));
      const anyAction =
        message.asks === true || found.anyHits.some((h) => outside(h, object) && outside(h, phrase));
      const action = ownAction ? (main ? W.action : W.laterAction) : anyAction ? W.anyAction : 0;
      // "responsible for backups on rds" asks about the area: the action word only names what the
      // ownership words ask about, so the duty that answers the bare action does not answer it.
      const areaQuestion = own.every(
        (h) => names(h, topicAt) && found.ownershipHits.some((o) => h.start >= o.end && h.start - o.end <= 1),
      );
      const objectScore = object ? W.object + W.perObjectWord * (object.end - object.start) : 0;
      const phraseScore = phrase ? W.phrase + W.perObjectWord * (phrase.end - phrase.start) : 0;
      const multiWordObject = object !== undefined && object.end - object.start >= 2;
      // An object inside the service's own name ("instances" of "ec2 instances") names the task only
      // with the duty's own action: "who patches the ecs container instances", not "who owns network
      // security for ec2 instances".
      const objectInName = object !== undefined && inName(object);
      const eligible =
        phrase !== undefined ||
        (object !== undefined && (objectInName ? ownAction : action > 0 || multiWordObject)) ||
        (d.default && ownAction && !areaQuestion);
      if (!eligible) continue;
      let score = Math.max(objectScore, phraseScore) + action;
      // A phrase that holds the who-question's verb ("who upgrades the nodes to it") is asked as much as
      // a duty whose own action is that verb.
      if (phrase && !ownAction && whoVerb && phrase.start <= mainAt && mainAt < phrase.end)
        score += W.action - W.laterAction;
      if (object && ownAction) score += gap(object) <= 2 ? W.near : gap(object) <= 4 ? W.near / 2 : 0;
      if (!object && !phrase) score += W.defaultDuty;
      if (topics.has(r.topic)) score += W.sameTopic;
      if (r.service !== null && named) score += W.ownService;
      const stated = statedCondition(conditions.get(r.key));
      const condition = stated ? (d.conditions[stated.index] ?? null) : null;
      // A condition that moves the owner says the message is about this duty; one that names the duty's
      // own default case ("managed node groups" for node patching) says no more than its objects do.
      if (condition && condition.owner !== d.owner) score += W.condition;
      out.push({
        record: r,
        score,
        owner: condition?.owner ?? d.owner,
        condition,
        conditionAt: condition && stated ? { start: stated.start, end: stated.end } : null,
        specific: object !== undefined || phrase !== undefined,
        ownership: found.ownershipHits.length > 0,
        actionAt: own.reduce<number | null>((b, h) => (b === null || h.start < b ? h.start : b), null),
        // "what is patch management" names a duty's phrase but asks no owner; "who manages the custom
        // domain certificate" and "is it shared" do, and so does a statement that is the phrase and
        // nothing else (exam wording: "Physical and environmental controls").
        ownWords:
          ownAction ||
          (phrase !== undefined &&
            (anyAction || (phrase.start === 0 && phrase.end === message.stems.length))),
      });
    }
    // At equal scores a service's own duty leads a model-level one, then the duty the message asks
    // with its own words leads one it only names.
    const isOwn = (m: DutyMatch) => Number(m.record.service !== null);
    return out.sort(
      (a, b) => b.score - a.score || isOwn(b) - isOwn(a) || Number(b.ownWords) - Number(a.ownWords),
    );
  }

  return { all: records, get: (k) => byKey.get(k), rank, infer };
}
