import { type ControlId, type IntentId, type Owner, TOPICS, type TopicId } from '../../kb/ids.js';
import type { KnowledgeBase } from '../../kb/load.js';
import type { Control, Service, Topic, TopicEntry } from '../../kb/schema.js';
import type { DutyMatch } from '../match/duties.js';
import type { Understanding } from '../match/understand.js';
import type {
  AreaSplit,
  ClarifyReply,
  ControlRef,
  FallbackReply,
  Link,
  OverviewRow,
  Reply,
  ReplyMeta,
  SecurityHubRef,
  Suggestion,
} from '../reply.js';
import { TUNABLES } from '../tunables.js';
import { resolveEntry } from './entry.js';
import {
  ASK,
  CLARIFY,
  CONTEXT_NOTE,
  DUTY_NOTES,
  dutyHeadline,
  EXAMPLES,
  FALLBACK,
  GENERAL_FOR_SERVICE,
  GENERAL_NOTE,
  HELP_TEXT,
  headline,
  OWNER_LABEL,
  SMALLTALK,
} from './messages.js';

/**
 * Turns an understanding into a platform-neutral reply, from the knowledge base only: every owner,
 * sentence and link in a reply comes from `data/`.
 */
export class Responder {
  readonly #services = new Map<string, Service>();
  readonly #topics = new Map<TopicId, Topic>();
  readonly #controls = new Map<ControlId, Control>();

  readonly #smalltalk: { thanks: Set<string>; bye: Set<string>; greeting: Set<string> };

  constructor(readonly kb: KnowledgeBase) {
    const st = kb.vocabulary.smalltalk;
    this.#smalltalk = { thanks: new Set(st.thanks), bye: new Set(st.bye), greeting: new Set(st.greeting) };
    for (const s of kb.services) this.#services.set(s.id, s);
    for (const t of kb.topics) this.#topics.set(t.id, t);
    for (const c of kb.controls) this.#controls.set(c.id, c);
  }

  service(id: string): Service | undefined {
    return this.#services.get(id);
  }

  topicName(id: TopicId): string {
    return this.#topics.get(id)?.name ?? id;
  }

  #controlRefs(ids: ControlId[]): ControlRef[] {
    const out: ControlRef[] = [];
    for (const id of ids) {
      const c = this.#controls.get(id);
      if (c) out.push({ id, name: c.name, kind: c.kind, summary: c.summary });
    }
    return out;
  }

  #links(urls: string[], service?: Service): Link[] {
    const seen = new Set<string>();
    const out: Link[] = [];
    for (const url of urls) {
      if (seen.has(url)) continue;
      seen.add(url);
      const known = service?.docs.find((d) => d.url === url)?.title ?? this.kb.linkTitles.get(url);
      out.push({ title: known ?? linkTitle(url), url });
    }
    return out;
  }

  #securityHub(service: Service, topic?: TopicId): SecurityHubRef[] {
    return service.securityHub
      .filter((c) => topic === undefined || c.topic === topic)
      .map((c) => ({ id: c.id, title: c.title, url: c.url }));
  }

  #meta(u: Understanding, extra: Partial<ReplyMeta> = {}): ReplyMeta {
    return {
      intent: u.intent,
      service: u.services[0] ?? null,
      topic: u.topic,
      owner: null,
      control: u.control,
      confidence: round(u.confidence),
      ...extra,
    };
  }

  /** Suggestions after an answer: the same topic elsewhere, and other topics here. */
  #followUps(service: Service | undefined, topic: TopicId | null): Suggestion[] {
    const out: Suggestion[] = [];
    if (service && topic) {
      const sibling = this.kb.services.find(
        (s) => s.id !== service.id && s.model === service.model && isEntry(s.topics[topic]),
      );
      if (sibling) out.push(this.#ask(sibling, topic));
    }
    if (service) {
      for (const t of ['patching', 'encryption-at-rest', 'network-security', 'backup', 'iam'] as TopicId[]) {
        if (out.length >= TUNABLES.followUps) break;
        if (t !== topic && isEntry(service.topics[t])) out.push(this.#ask(service, t));
      }
    } else if (topic) {
      out.push({ label: 'Who patches RDS?', text: 'who patches RDS?' });
    }
    return out.slice(0, TUNABLES.followUps);
  }

  #ask(service: Service, topic: TopicId): Suggestion {
    const name = this.topicName(topic);
    return { label: `${name} on ${shortName(service)}`, text: ASK.whoOwns(name, shortName(service)) };
  }

  respond(u: Understanding, question: string): Reply {
    const base = { question };
    switch (u.intent) {
      case 'who_owns':
        return this.#whoOwns(u, question);
      case 'service_overview':
        return this.#overview(u, question);
      case 'compare':
        return this.#compare(u, question);
      case 'service_model':
        return this.#serviceModel(u, question);
      case 'explain_model':
        return this.explainModel(this.#meta(u), question, !u.unanchored);
      case 'explain_control':
        return this.explainControl(u.control, this.#meta(u), question);
      case 'help':
        return {
          kind: 'message',
          ...base,
          meta: this.#meta(u),
          text: HELP_TEXT,
          followUps: EXAMPLES.slice(0, 3),
        };
      case 'smalltalk':
        return { kind: 'message', ...base, meta: this.#meta(u), ...smalltalk(question, this.#smalltalk) };
      case 'out_of_scope':
        return this.fallback(
          'out_of_scope',
          question,
          this.#meta(u, { service: null, topic: null, control: null }),
        );
    }
  }

  /** `named`: for an unknown service, the name the question used (one the bot knows is not covered). */
  fallback(
    reason: FallbackReply['reason'],
    question: string,
    meta: ReplyMeta,
    text?: string,
    named?: string,
  ): FallbackReply {
    const body =
      text ??
      (reason === 'unknown_service'
        ? FALLBACK.unknown_service(named) + this.kb.services.map((s) => shortName(s)).join(', ')
        : reason === 'too_long' || reason === 'not_applicable'
          ? FALLBACK.out_of_scope
          : FALLBACK[reason]);
    return { kind: 'fallback', question, meta, reason, text: body, examples: EXAMPLES };
  }

  clarify(u: Understanding, question: string, choices: Understanding[]): ClarifyReply {
    const suggestions = choices.map((c) => this.#suggestionFor(c));
    const text = CLARIFY.didYouMean(suggestions.map((s) => s.label));
    return { kind: 'clarify', question, meta: this.#meta(u), text, choices: suggestions };
  }

  #suggestionFor(u: Understanding): Suggestion {
    const service = u.services[0] ? this.#services.get(u.services[0]) : undefined;
    if (service && u.topic) return { ...this.#ask(service, u.topic), service: service.id };
    if (service) return { label: service.name, text: ASK.overview(shortName(service)), service: service.id };
    if (u.topic) {
      const name = this.topicName(u.topic);
      return { label: name, text: ASK.generalTopic(name) };
    }
    return { label: 'Explain the model', text: 'explain the shared responsibility model' };
  }

  /**
   * The answer for one duty (RESPONSIBILITY.md section 1): the duty's owner is the headline (or its
   * condition's, when the question states one), each side's part of the duty follows, then the area's
   * split for context.
   */
  duty(u: Understanding, question: string, m: DutyMatch): Reply {
    const r = m.record;
    const d = r.duty;
    const topic = r.topic;
    const t = this.#topics.get(topic);
    const topicName = this.topicName(topic);
    const service = u.services[0] ? this.#services.get(u.services[0]) : undefined;
    let area: AreaSplit | null = null;
    let areaSources: string[] = [];
    let areaControls: ControlId[] = [];
    const resolved = service ? resolveEntry(service, topic, t) : undefined;
    if (service && resolved && resolved.kind !== 'notApplicable') {
      const e = resolved.entry;
      area = { name: `${topicName} on ${service.name}`, owner: e.owner, aws: e.aws, customer: e.customer };
      areaSources = e.sources;
      areaControls = resolved.kind === 'entry' ? resolved.entry.controls : [];
    } else if (t) {
      area = { name: topicName, owner: t.general.owner, aws: t.general.aws, customer: t.general.customer };
      areaSources = t.general.sources;
    }
    const notes: string[] = [];
    if (u.fromContext) notes.push(CONTEXT_NOTE(service ? `${d.label} on ${service.name}` : d.label));
    // The exceptions are the conditions that move the owner; one naming the common case itself
    // ("managed node groups", "plain RDS") is no exception to it.
    const exceptions = m.condition
      ? []
      : d.conditions
          .filter((c) => c.owner !== d.owner)
          .map((c) => ({ when: c.when, owner: c.owner, text: c.text }));
    if (m.condition) notes.push(DUTY_NOTES.condition(m.condition.when, m.condition.text));
    for (const e of exceptions) notes.push(DUTY_NOTES.exception(e.when, e.owner, e.text));
    if (!service && r.models) notes.push(GENERAL_NOTE);
    const controls = d.controls ?? (areaControls.length ? areaControls : (t?.controls ?? []));
    const securityHub = service
      ? d.securityHub.length
        ? this.#securityHub(service).filter((c) => d.securityHub.includes(c.id))
        : this.#securityHub(service, topic)
      : [];
    return {
      kind: 'answer',
      question,
      meta: this.#meta(u, { topic, owner: m.owner, control: controls[0] ?? null, duty: r.key }),
      owner: m.owner,
      duty: {
        id: r.key,
        label: d.label,
        owner: m.owner,
        condition: m.condition ? { when: m.condition.when, text: m.condition.text } : null,
        exceptions,
      },
      // The area's split adds nothing when the duty has no text of its own (both sides come from it).
      area: d.aws || d.customer ? area : null,
      title: service ? `${service.name}: ${d.label}` : d.label,
      headline: dutyHeadline(m.owner, d.label, service?.name ?? null),
      aws: d.aws ?? area?.aws ?? '',
      customer: d.customer ?? area?.customer ?? '',
      notes,
      controls: this.#controlRefs(controls),
      securityHub,
      docs: this.#links([...d.sources, ...(m.condition?.sources ?? []), ...areaSources], service),
      followUps: this.#followUps(service, topic),
    };
  }

  /** Two duties with different owners fit about equally: ask which task was meant. */
  clarifyDuties(u: Understanding, question: string, matches: DutyMatch[]): ClarifyReply {
    const service = u.services[0] ? this.#services.get(u.services[0]) : undefined;
    const choices = matches.map(
      (m): Suggestion => ({
        label: `${m.record.duty.label}${service ? ` (${shortName(service)})` : ''}`,
        text: ASK.duty(m.record.key),
        ...(service ? { service: service.id } : {}),
      }),
    );
    return {
      kind: 'clarify',
      question,
      meta: this.#meta(u),
      text: CLARIFY.whichDuty(choices.map((c) => c.label)),
      choices,
    };
  }

  #whoOwns(u: Understanding, question: string): Reply {
    const topic = u.topic as TopicId;
    const topicName = this.topicName(topic);
    const service = u.services[0] ? this.#services.get(u.services[0]) : undefined;
    const notes: string[] = [];
    if (u.fromContext)
      notes.push(CONTEXT_NOTE(service && u.topic ? `${topicName} on ${service.name}` : topicName));
    if (!service) {
      const t = this.#topics.get(topic) as Topic;
      notes.push(GENERAL_NOTE);
      return this.#answer(u, question, t.general, topic, undefined, notes, t.controls);
    }
    const resolved = resolveEntry(service, topic, this.#topics.get(topic));
    if (resolved.kind === 'general') {
      notes.push(resolved.remark ?? GENERAL_FOR_SERVICE(service.name));
      const controls = this.#topics.get(topic)?.controls ?? [];
      return this.#answer(u, question, resolved.entry, topic, service, notes, controls);
    }
    if (resolved.kind === 'notApplicable') {
      return {
        ...this.fallback(
          'not_applicable',
          question,
          this.#meta(u),
          FALLBACK.not_applicable(topicName, service.name, resolved.reason),
        ),
        examples: [
          { label: `Everything on ${shortName(service)}`, text: ASK.overview(shortName(service)) },
          ...this.#followUps(service, topic),
        ],
      };
    }
    const entry = resolved.entry;
    if (entry.note) notes.push(entry.note);
    // No duty fitted the question: the area's owner stands, and where its tasks have different owners,
    // say so and name them.
    if (new Set(entry.duties.map((d) => d.owner)).size > 1) {
      notes.push(
        DUTY_NOTES.depends(
          `${topicName} on ${service.name}`,
          entry.duties.slice(0, 4).map((d) => `${d.label} (${OWNER_LABEL[d.owner]})`),
        ),
      );
    }
    const controls = entry.controls.length ? entry.controls : (this.#topics.get(topic)?.controls ?? []);
    return this.#answer(u, question, entry, topic, service, notes, controls);
  }

  #answer(
    u: Understanding,
    question: string,
    entry: Pick<TopicEntry, 'owner' | 'aws' | 'customer' | 'sources'>,
    topic: TopicId,
    service: Service | undefined,
    notes: string[],
    controls: ControlId[],
  ): Reply {
    const topicName = this.topicName(topic);
    return {
      kind: 'answer',
      question,
      meta: this.#meta(u, { owner: entry.owner, control: controls[0] ?? null }),
      owner: entry.owner,
      duty: null,
      area: null,
      title: service ? `${service.name}: ${topicName}` : topicName,
      headline: headline(entry.owner, topicName, service?.name ?? null),
      aws: entry.aws,
      customer: entry.customer,
      notes,
      controls: this.#controlRefs(controls),
      securityHub: service ? this.#securityHub(service, topic) : [],
      docs: this.#links(entry.sources, service),
      followUps: this.#followUps(service, topic),
    };
  }

  #overview(u: Understanding, question: string): Reply {
    const service = this.#services.get(u.services[0] as string) as Service;
    return this.serviceTable(service, this.#meta(u, { topic: null, control: null }), question);
  }

  /** A service's whole responsibility table (also `/srm service <name>`). */
  serviceTable(service: Service, meta: ReplyMeta, question: string): Reply {
    const rows = TOPICS.flatMap((t): OverviewRow[] => {
      const r = resolveEntry(service, t, this.#topics.get(t));
      const topicName = this.topicName(t);
      if (r.kind !== 'notApplicable')
        return [{ topic: t, topicName, owner: r.entry.owner, text: r.entry.customer }];
      return r.reason === null ? [] : [{ topic: t, topicName, owner: null, text: r.reason }];
    });
    // A service as a whole (RESPONSIBILITY.md section 1: "a whole area") is shared when its areas have
    // different owners.
    const owners = new Set(rows.flatMap((r) => (r.owner ? [r.owner] : [])));
    const owner = owners.size === 1 ? [...owners][0] : owners.size > 1 ? 'shared' : null;
    return {
      kind: 'overview',
      question,
      meta: { ...meta, owner: owner ?? null },
      title: `${service.name}: who is responsible for what`,
      summary: [service.summary, ...service.notes.map((n) => n.text)].join(' '),
      rows,
      securityHub: this.#securityHub(service),
      docs: service.docs,
      followUps: this.#followUps(service, null),
    };
  }

  #compare(u: Understanding, question: string): Reply {
    const services = u.services.map((id) => this.#services.get(id) as Service);
    const topic = u.topic;
    const topicName = topic ? this.topicName(topic) : 'Service model';
    const columns = services.map((s) => {
      if (!topic) {
        const m = this.kb.serviceModels.models.find((x) => x.id === s.model);
        return {
          service: s.id,
          name: s.name,
          owner: null,
          aws: m?.aws ?? '',
          customer: `${m?.name}: ${s.summary}`,
        };
      }
      const r = resolveEntry(s, topic, this.#topics.get(topic));
      if (r.kind !== 'notApplicable')
        return {
          service: s.id,
          name: s.name,
          owner: r.entry.owner,
          aws: r.entry.aws,
          customer: r.entry.customer,
        };
      const reason = r.reason ?? 'No entry in the knowledge base yet.';
      return { service: s.id, name: s.name, owner: null, aws: reason, customer: reason };
    });
    const docs = this.#links(
      services.flatMap((s) => {
        const e = topic ? s.topics[topic] : undefined;
        return e && isEntry(e) ? e.sources.slice(0, 2) : s.docs[0] ? [s.docs[0].url] : [];
      }),
    );
    return {
      kind: 'compare',
      question,
      meta: this.#meta(u),
      title: `${services.map((s) => shortName(s)).join(' vs ')}: ${topicName.toLowerCase()}`,
      topicName,
      columns,
      docs,
      followUps: services
        .slice(0, TUNABLES.followUps)
        .map((s) =>
          topic
            ? this.#ask(s, topic)
            : { label: `Everything on ${shortName(s)}`, text: ASK.overview(shortName(s)) },
        ),
    };
  }

  #serviceModel(u: Understanding, question: string): Reply {
    const sm = this.kb.serviceModels;
    const service = u.services[0] ? this.#services.get(u.services[0]) : undefined;
    const meta = this.#meta(u, { topic: null, control: null });
    const followUps: Suggestion[] = [];
    if (service) {
      const m = sm.models.find((x) => x.id === service.model);
      followUps.push({
        label: `Everything on ${shortName(service)}`,
        text: ASK.overview(shortName(service)),
      });
      if (isEntry(service.topics.patching)) followUps.push(this.#ask(service, 'patching'));
      return {
        kind: 'explain',
        question,
        meta,
        title: `${service.name} is ${m?.name ?? service.model}`,
        summary: m?.summary ?? '',
        sections: [
          { heading: 'What AWS runs', text: m?.aws ?? '', owner: 'aws' as Owner },
          { heading: 'What you run', text: m?.customer ?? '', owner: 'customer' as Owner },
          { heading: 'How the split moves', text: sm.shift },
        ],
        docs: this.#links([...sm.sources, ...(service.docs[0] ? [service.docs[0].url] : [])], service),
        followUps,
      };
    }
    return {
      kind: 'explain',
      question,
      meta,
      title: 'Service models and the shared responsibility split',
      summary: sm.shift,
      sections: sm.models.map((m) => ({
        heading: m.name,
        text: `${m.summary} AWS: ${m.aws} You: ${m.customer}`,
      })),
      docs: this.#links(sm.sources),
      followUps: [
        { label: 'Is RDS IaaS or PaaS?', text: 'is RDS IaaS or PaaS' },
        { label: 'Is EC2 IaaS?', text: 'is ec2 iaas' },
      ],
    };
  }

  /** The model and its layers (also `/srm model`). */
  explainModel(meta: ReplyMeta, question: string, asked = true): Reply {
    const m = this.kb.model;
    return {
      kind: 'explain',
      question,
      // The model as a whole is the shared responsibility itself: each side's part follows. Given
      // because nothing anchored the question, it names no owner.
      meta: { ...meta, owner: asked ? 'shared' : null },
      title: m.name,
      summary: m.summary,
      sections: [
        {
          heading: m.ofTheCloud.title,
          text: [m.ofTheCloud.summary, ...m.ofTheCloud.items.map((i) => `• ${i}`)].join('\n'),
          owner: 'aws',
        },
        {
          heading: m.inTheCloud.title,
          text: [m.inTheCloud.summary, ...m.inTheCloud.items.map((i) => `• ${i}`)].join('\n'),
          owner: 'customer',
        },
        ...m.advice.map((a) => ({ heading: 'Keep in mind', text: a })),
      ],
      docs: this.#links([...m.sources, ...m.ofTheCloud.sources, ...m.inTheCloud.sources]),
      followUps: [
        { label: 'What are inherited controls?', text: 'what are inherited controls' },
        { label: 'Who patches RDS?', text: 'who patches RDS?' },
        { label: 'Is RDS IaaS or PaaS?', text: 'is RDS IaaS or PaaS' },
      ],
    };
  }

  /** One control, or the three kinds with examples (also `/srm controls`). */
  explainControl(id: ControlId | null, meta: ReplyMeta, question: string): Reply {
    const c = id ? this.#controls.get(id) : undefined;
    if (c) {
      const children = this.kb.controls.filter((x) => x.parent === c.id);
      const parent = c.parent ? this.#controls.get(c.parent) : undefined;
      return {
        kind: 'explain',
        question,
        // A control kind has an owner (RESPONSIBILITY.md section 4): inherited is AWS's, a shared
        // control shared, a customer-specific one yours.
        // The area the control covers is the answer's topic ("patch management" → patching; inherited →
        // physical security); a kind with no one area (shared, customer-specific) has none.
        meta: {
          ...meta,
          control: c.id,
          owner: KIND_OWNER[c.kind],
          topic:
            meta.topic ??
            this.kb.vocabulary.controlTopics[c.id] ??
            this.kb.vocabulary.controlAreas[c.id] ??
            null,
        },
        title: parent ? `${c.name} (${parent.name.toLowerCase()})` : c.name,
        summary: c.summary,
        sections: [
          { heading: 'AWS', text: c.aws, owner: 'aws' },
          { heading: 'You', text: c.customer, owner: 'customer' },
          ...(c.examples.length
            ? [{ heading: 'Examples', text: c.examples.map((x) => `• ${x}`).join('\n') }]
            : []),
          ...children.map((ch) => ({ heading: ch.name, text: ch.summary })),
        ],
        docs: this.#links(c.sources),
        followUps: this.kb.controls
          .filter((x) => x.id !== c.id && !x.parent)
          .map((x) => ({ label: x.name, text: ASK.control(x.name) })),
      };
    }
    const kinds = this.kb.controls.filter((x) => !x.parent);
    return {
      kind: 'explain',
      question,
      meta,
      title: 'IT controls in the shared responsibility model',
      summary: kinds.map((k) => k.summary).join(' '),
      sections: kinds.map((k) => ({
        heading: k.name,
        text: [
          k.summary,
          ...this.kb.controls.filter((x) => x.parent === k.id).map((x) => `• ${x.name}: ${x.summary}`),
        ].join('\n'),
      })),
      docs: this.#links(kinds.flatMap((k) => k.sources)),
      followUps: kinds.map((x) => ({ label: x.name, text: ASK.control(x.name) })),
    };
  }
}

const KIND_OWNER: Record<Control['kind'], Owner> = {
  inherited: 'aws',
  shared: 'shared',
  'customer-specific': 'customer',
};

export function isEntry(e: TopicEntry | { notApplicable: string } | undefined): e is TopicEntry {
  return e !== undefined && 'owner' in e;
}

/** "Amazon RDS" → "RDS", "AWS Lambda" → "Lambda": what people call it in chat. */
export function shortName(s: Service): string {
  return s.name.replace(/^(Amazon|AWS)\s+/, '');
}

function linkTitle(url: string): string {
  try {
    const u = new URL(url);
    const page = u.pathname.split('/').filter(Boolean).pop() ?? u.hostname;
    return `${u.hostname === 'aws.amazon.com' ? 'AWS' : 'AWS docs'}: ${page.replace(/\.html$/, '').replace(/[-_]/g, ' ')}`;
  } catch {
    return url;
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Small talk by its words (data/vocabulary.json `smalltalk`): thanks, goodbye, a greeting, or else. */
function smalltalk(
  question: string,
  words: { thanks: ReadonlySet<string>; bye: ReadonlySet<string>; greeting: ReadonlySet<string> },
): { text: string; followUps: Suggestion[] } {
  const said = new Set(question.split(' '));
  const has = (set: ReadonlySet<string>) =>
    [...set].some((w) => (w.includes(' ') ? ` ${question} `.includes(` ${w} `) : said.has(w)));
  // "thanks" and "thank you" by prefix, as before ("thankyou", "thanx").
  if (has(words.thanks) || [...said].some((w) => w.startsWith('thank')))
    return { text: SMALLTALK.thanks, followUps: [] };
  if (has(words.bye)) return { text: SMALLTALK.bye, followUps: [] };
  if (has(words.greeting)) return { text: SMALLTALK.greeting, followUps: EXAMPLES.slice(0, 3) };
  return { text: SMALLTALK.other, followUps: EXAMPLES.slice(0, 3) };
}

export type { IntentId };
