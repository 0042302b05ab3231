import { CONTROL_KINDS, type ControlId, type TopicId } from '../kb/ids.js';
import type { IntentFile } from '../kb/intents.js';
import type { KnowledgeBase } from '../kb/load.js';
import { CLARIFY, COMMANDS, DUTY_NOTES, FALLBACK, ONBOARDING, ORG, SMALLTALK } from './answer/messages.js';
import { Responder } from './answer/respond.js';
import { welcomeReply } from './answer/welcome.js';
import { type IntentClassifier, trainClassifier } from './match/classifier.js';
import { ContextStore, type Turn } from './match/context.js';
import { buildDutyIndex, type DutyMatch, type DutyQuery } from './match/duties.js';
import { buildEntityIndex, type Entities, type EntityIndex } from './match/entities.js';
import { normalize, words } from './match/normalize.js';
import { stem, stemAs } from './match/stem.js';
import { type Understanding, understand, understandRules } from './match/understand.js';
import { tourReply, tourSteps } from './onboarding/tour.js';
import type { OwnersDirectory } from './org.js';
import type { Inbound, OurTeam, Reply, ReplyMeta, WelcomeReply } from './reply.js';
import { TUNABLES } from './tunables.js';

/**
 * The answer engine: normalize → entities → intent → resolve with the conversation's context →
 * a platform-neutral reply. Adapters call `respond` and render what comes back.
 */
export interface Engine {
  /** Answers with the conversation's context kept in the engine's memory (one process). */
  respond(input: Inbound): Reply;

  /** What the bot is and does (Slack's App Home, Teams' welcome card), built once from the data. */
  welcome(): WelcomeReply;
  /**
   * One of the company's teams by id, from its ownership file (for an "Ask <team>" click). With the
   * answer's labels, the rule's own runbook when that team owns the duty.
   */
  ourTeam?(id: string, about?: Pick<ReplyMeta, 'duty' | 'service' | 'topic'>): OurTeam | undefined;
}

/** The engine with its context as data, for adapters that keep conversations in a shared store. */
export interface ContextualEngine extends Engine {
  /**
   * Answers with the context given as data, and returns the context to keep (several replicas,
   * restarts). `null`: nothing to carry.
   */
  respondWith(input: Inbound, context: Turn | null): { reply: Reply; context: Turn | null };
}

export interface EngineOptions {
  kb: KnowledgeBase;
  intents: IntentFile[];
  contextTtlMs: number;
  /** The company's ownership file, resolved (src/org); without it answers name no team of ours. */
  org?: OwnersDirectory | null;
  /** false: never answer from the cache of repeated messages (the benchmark of the matcher itself). */
  answerCache?: boolean;
}

/** Exact commands shared by Slack's /srm, Teams' command menu and the CLI, from the one list in
 * messages.ts; `duty <key>` is what a "which task?" button asks. Groups: 1 the command, 2 the argument of
 * each command that takes one (service, tour, quiz), then the duty key. */
const COMMAND = new RegExp(
  `^(?:srm )?(${[...COMMANDS.map((c) => (c.arg ? `${c.name}(?: (.+))?` : c.name)), 'duty (.+)'].join('|')})$`,
);

export function createEngine(opts: EngineOptions): ContextualEngine {
  stemAs(Object.entries(opts.kb.vocabulary.stemAs));
  const index: EntityIndex = buildEntityIndex(opts.kb, trainingVocabulary(opts.intents));
  const classifier: IntentClassifier = trainClassifier(
    opts.intents.flatMap((f) =>
      f.utterances.map((u) => ({ intent: f.intent, entities: index.extract(u, { exact: true }) })),
    ),
    index.stopwords,
  );
  const responder = new Responder(opts.kb);
  const duties = buildDutyIndex(opts.kb);
  const rules = understandRules(opts.kb.vocabulary);
  // One-word names of services ("kms", "cloudtrail"), each to the service it names.
  const serviceByWord = new Map<string, string>();
  for (const s of opts.kb.services)
    for (const a of [s.id, ...s.aliases]) if (!/[\s-]/.test(a)) serviceByWord.set(a, s.id);
  const serviceWords = new Set(serviceByWord.keys());
  // The words of each service's own name ("elastic", "beanstalk"): inside a mention they name the service,
  // so "new Elastic Beanstalk platform versions" reads as "new platform versions".
  // (not a word its own tasks use: "key" of Key Management Service, "backup" of AWS Backup).
  const nameWords = new Map(
    opts.kb.services.map((s) => {
      const candidates = [...words(normalize(s.name)), ...s.id.split('-')];
      const texts = Object.values(s.topics).flatMap((e) =>
        e && 'duties' in e ? e.duties.flatMap((d) => [...d.objects, ...d.phrases]) : [],
      );
      // Data phrases are lower-case words already: a word is used when a phrase holds it between spaces.
      const own = candidates.filter((w) => !texts.some((t) => ` ${t} `.includes(` ${w} `)));
      return [s.id, new Set(own)] as const;
    }),
  );
  const LIST_WORDS: ReadonlySet<string> = new Set(opts.kb.vocabulary.listWords);
  const ASKING: ReadonlySet<string> = new Set(opts.kb.vocabulary.questionWords.asking);
  const ASKS_OWNER: ReadonlySet<string> = new Set(opts.kb.vocabulary.questionWords.asksOwner);
  const NEGATIONS: ReadonlySet<string> = new Set(opts.kb.vocabulary.questionWords.negations);
  const NOT_AFTER: ReadonlySet<string> = new Set(opts.kb.vocabulary.notAfter);
  const ASKS_AGAIN = opts.kb.vocabulary.questionWords.asksAgain.map(normalize);
  const kindOf = new Map(opts.kb.controls.map((c) => [c.id, c.kind] as const));
  // The model's own name ("shared responsibility model"), longest first: its words name no side.
  const modelPhrases = opts.kb.vocabulary.cues.model
    .map(normalize)
    .flatMap((p) => [`aws ${p}`, `amazon ${p}`, p])
    .concat(opts.kb.vocabulary.questionWords.notSides.map(normalize))
    .sort((a, b) => b.length - a.length);
  // The stems of patching verbs ("patch", "update", "upgrade"): a question asked with one of them is a
  // patching question even when its duty sits in a layer ("who patches the hypervisor",
  // RESPONSIBILITY.md section 1) or in the application.
  // Each activity's verbs, with the action classes that hold them ("configure" for configuration).
  const activities = Object.entries(opts.kb.vocabulary.activityVerbs).map(([topic, verbs]) => {
    const stems = new Set(verbs.map((w) => stem(w)));
    const actions = Object.entries(opts.kb.vocabulary.actions)
      .filter(([, words]) => words.some((w) => stems.has(stem(w))))
      .map(([id]) => id);
    return { topic: topic as TopicId, stems, actions };
  });
  // (configuration is an activity of its own: "who keeps the managed rule groups updated" stays there)
  const layerOrBroad = new Set<TopicId>(
    [...rules.layer, ...rules.broad].filter((t) => !rules.activity.has(t)),
  );
  // Things only one service has ("bucket", "state machine"), normalized like a message, by first word.
  const nounsByFirst = new Map<string, { id: string; words: string[] }[]>();
  for (const [id, nouns] of Object.entries(opts.kb.vocabulary.serviceNouns))
    for (const n of nouns) {
      const ws = words(normalize(n));
      const first = ws[0];
      if (!first) continue;
      const list = nounsByFirst.get(first) ?? [];
      list.push({ id, words: ws });
      nounsByFirst.set(first, list);
    }
  /** The services whose things a message's words name, read once per message. */
  const thingsOf = (
    said: readonly string[],
    /** Words start..end (exclusive) that cannot be a thing of service `id`. */
    blocked: (id: string, start: number, end: number) => boolean = () => false,
  ): ReadonlySet<string> => {
    const spans: { id: string; start: number; end: number }[] = [];
    for (let i = 0; i < said.length; i++) {
      const nouns = nounsByFirst.get(said[i] as string);
      if (!nouns) continue;
      for (const n of nouns) {
        const end = i + n.words.length;
        if (end > said.length || n.words.some((w, k) => said[i + k] !== w)) continue;
        if (!blocked(n.id, i, end)) spans.push({ id: n.id, start: i, end });
      }
    }
    // The longest thing wins where two overlap: "instance store volumes" are EC2's, not EBS's "volumes".
    const inside = (a: (typeof spans)[number]) =>
      spans.some((b) => b !== a && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start);
    return new Set(spans.filter((a) => !inside(a)).map((a) => a.id));
  };
  // `duty <key>` (a "which task?" button) names a duty by its key as normalized text.
  const dutyByText = new Map(duties.all.map((r) => [normalize(r.key), r]));
  const tour = tourSteps(opts.kb);
  const contexts = new ContextStore(opts.contextTtlMs, TUNABLES.maxConversations);

  const meta = (intent: ReplyMeta['intent'], confidence = 1): ReplyMeta => ({
    intent,
    service: null,
    topic: null,
    owner: null,
    control: null,
    confidence,
  });

  function command(name: string, arg: string | undefined, question: string): Reply | undefined {
    switch (name) {
      case 'help':
        return responder.respond(
          {
            intent: 'help',
            services: [],
            topic: null,
            control: null,
            serviceModel: null,
            confidence: 1,
            fromContext: false,
          },
          question,
        );
      case 'model':
        return responder.explainModel(meta('explain_model'), question);
      case 'duty': {
        const r = dutyByText.get(arg ?? '');
        if (!r) return undefined;
        const u: Understanding = {
          intent: 'who_owns',
          services: r.service ? [r.service] : [],
          topic: r.topic,
          control: null,
          serviceModel: null,
          confidence: 1,
          fromContext: false,
        };
        return responder.duty(u, question, {
          record: r,
          score: 0,
          owner: r.duty.owner,
          condition: null,
          conditionAt: null,
          specific: true,
          ownWords: true,
          ownership: false,
          actionAt: null,
        });
      }
      case 'controls':
        return responder.explainControl(null, meta('explain_control'), question);
      case 'tour':
        return tourReply(tour, arg, question);
      case 'quiz':
      case 'progress':
        // Adapters with a progress store answer these before the engine (src/core/onboarding/quiz.ts).
        return { kind: 'message', question, meta: meta('help'), text: ONBOARDING.unavailable, followUps: [] };
      default: {
        if (!arg) return responder.fallback('unknown_service', question, meta('service_overview', 0));
        // By id first ("service backup", "service config": those words also name topics), then by name.
        const byId = responder.service(arg.replace(/\s+/g, '-'));
        const named = byId ? undefined : index.extract(arg);
        const found = named?.services.filter((s) => s.confidence === 1) ?? [];
        const service = byId ?? (found[0] ? responder.service(found[0].id) : undefined);
        if (!service || found.some((f) => f.id !== service.id)) {
          // "Service and communications protection" names a control, not a service to list.
          if (!service && index.extract(question).controls.length > 0) return undefined;
          const other = named?.otherServices[0]?.id;
          return responder.fallback(
            'unknown_service',
            question,
            meta('service_overview', 0),
            undefined,
            other,
          );
        }
        return responder.serviceTable(
          service,
          { ...meta('service_overview'), service: service.id },
          question,
        );
      }
    }
  }

  /** Adds the company's owning team to an answer whose owner is the customer or shared. */
  function withOurs(reply: Reply): Reply {
    const org = opts.org;
    if (!org || reply.kind !== 'answer' || reply.owner === 'aws') return reply;
    const ours = org.teamFor(reply.meta.duty ?? null, reply.meta.service, reply.meta.topic);
    return ours ? { ...reply, ours } : reply;
  }

  /** `owners rds`: the company's teams for a service's customer and shared duties (with a file only). */
  function owners(arg: string | undefined, question: string, org: OwnersDirectory): Reply {
    const m = meta('service_overview');
    if (!arg) return { kind: 'message', question, meta: m, text: ORG.ownersUsage, followUps: [] };
    const byId = responder.service(arg.replace(/\s+/g, '-'));
    const found = byId ? [] : index.extract(arg).services.filter((s) => s.confidence === 1);
    const service = byId ?? (found[0] ? responder.service(found[0].id) : undefined);
    if (!service) return responder.fallback('unknown_service', question, meta('service_overview', 0));
    const o = org.ownersOf(service.id);
    const lines = [`${ORG.ownersTitle(service.name)}:`];
    if (o.teams.length === 0) lines.push(ORG.ownersNone(service.name));
    for (const { team, duties: ds } of o.teams) {
      const where = [team.slackChannel, team.contact].filter(Boolean).join(', ');
      lines.push(`- ${team.name}${where ? ` (${where})` : ''}: ${ds.join('; ')}`);
      if (team.runbook) lines.push(`  ${ORG.runbook}: ${team.runbook.url}`);
    }
    if (o.unowned.length) lines.push(`- ${ORG.unowned(o.unowned.length)}: ${o.unowned.join('; ')}`);
    return {
      kind: 'message',
      question,
      meta: { ...m, service: service.id },
      text: lines.join('\n'),
      followUps: [],
    };
  }

  function respond(input: Inbound): Reply {
    const now = input.now ?? Date.now();
    const turn = contexts.get(input.conversationKey, now) ?? null;
    const { reply, context } = respondWith({ ...input, now }, turn);
    if (context !== turn) {
      if (context) contexts.set(input.conversationKey, context);
      else contexts.delete(input.conversationKey);
    }
    return reply;
  }

  /**
   * Answers are a pure function of the message's text and the conversation's last turn (its time
   * aside: it is only checked for expiry before the turn gets here), so the same message in the same
   * context is answered from a bounded cache (the most recently used kept). A cached reply is frozen:
   * callers share it. The turn to keep gets this message's time.
   */
  const answers = new Map<string, { reply: Reply; next: Omit<Turn, 'at'> | null | 'keep' }>();
  function respondWith(input: Inbound, context: Turn | null): { reply: Reply; context: Turn | null } {
    const text = input.text ?? '';
    const key =
      opts.answerCache !== false && text.length <= TUNABLES.answerCache.maxChars
        ? answerKey(text, context)
        : undefined;
    const hit = key === undefined ? undefined : answers.get(key);
    if (hit && key !== undefined) {
      answers.delete(key);
      answers.set(key, hit);
      const next = hit.next === 'keep' ? context : hit.next && { ...hit.next, at: input.now ?? Date.now() };
      return { reply: hit.reply, context: next };
    }
    let kept: Turn | null | 'keep' = 'keep';
    const reply = withOurs(
      answer(input, context ?? undefined, (next) => {
        kept = next;
      }),
    );
    const turn = kept as Turn | null | 'keep';
    if (key !== undefined) {
      let next: Omit<Turn, 'at'> | null | 'keep' = turn;
      if (turn !== null && turn !== 'keep') {
        const { at: _at, ...rest } = turn;
        next = rest;
      }
      answers.set(key, {
        reply: deepFreeze(reply),
        next: next === null || next === 'keep' ? next : deepFreeze(next),
      });
      if (answers.size > TUNABLES.answerCache.entries) {
        const oldest = answers.keys().next().value;
        if (oldest !== undefined) answers.delete(oldest);
      }
    }
    return { reply, context: turn === 'keep' ? context : turn };
  }

  /** One message against the conversation's last turn; `remember` gets the turn to keep (null: forget). */
  function answer(input: Inbound, turn: Turn | undefined, remember: (next: Turn | null) => void): Reply {
    const now = input.now ?? Date.now();
    const raw = input.text ?? '';
    if (raw.length > TUNABLES.maxMessageChars) {
      return responder.fallback(
        'too_long',
        raw.slice(0, 200),
        meta('out_of_scope'),
        FALLBACK.too_long(raw.length, TUNABLES.maxMessageChars),
      );
    }
    const question = normalize(raw);
    if (question === '') {
      // Only an emoji (a thumbs-up after an answer) is an acknowledgement; anything else is empty.
      if (/\p{Extended_Pictographic}/u.test(raw)) {
        return { kind: 'message', question, meta: meta('smalltalk'), text: SMALLTALK.ack, followUps: [] };
      }
      return responder.fallback('empty', question, meta('out_of_scope'));
    }
    const ownersCmd = opts.org ? /^(?:srm )?owners(?: (.+))?$/.exec(question) : null;
    if (ownersCmd && opts.org) return owners(ownersCmd[1], question, opts.org);
    const cmd = COMMAND.exec(question);
    if (cmd) {
      const r = command(
        cmd[1]?.split(' ')[0] as string,
        cmd.slice(2).find((g) => g !== undefined),
        question,
      );
      if (r) return r;
    }

    const choice = multipleChoice(raw);
    if (choice) return choice;

    // "would that change if we moved to fargate?" asks the last question again, of what it names: read as
    // "and if we moved to fargate" ("change" there changes nothing).
    const again = turn ? ASKS_AGAIN.find((p) => ` ${question} `.includes(` ${p} `)) : undefined;
    const entities = index.extract(
      again ? ` ${question} `.replace(` ${again} `, ' and ').replace(/\s+/g, ' ').trim() : question,
    );
    // A service the knowledge base does not cover, and none it does: say so rather than answer the
    // general rule as if no service had been named.
    const other = entities.otherServices[0];
    if (other && entities.services.length === 0) {
      return responder.fallback('unknown_service', question, meta('out_of_scope'), undefined, other.id);
    }
    const scored = classifier.classify(entities);
    // A duty the message names by itself keeps the message's own subject (never the last turn's topic).
    // One service, though named twice ("the vpc cni on our eks cluster" is EKS's; "Amazon EKS (EKS)").
    const serviceIds = [...new Set(entities.services.map((m) => m.id))];
    // A thing inside another service's name is none ("Step Functions" has no Lambda "functions").
    const things = thingsOf(entities.words, (id, start, end) =>
      entities.services.some((m) => m.id !== id && start < m.end && end > m.start),
    );
    // No service named but a thing only one service has ("enforce IMDSv2 on the instances"): that
    // service's own duties may name the task.
    const byThing = serviceIds.length === 0 && things.size === 1 ? [...things][0] : undefined;
    const named = responder.service(serviceIds.length === 1 ? (serviceIds[0] ?? '') : (byThing ?? ''));
    const query = { ...dutyQuery(entities), asks: turn !== undefined && entities.cues.has('followUp') };
    const namedTopics = new Set<TopicId>(entities.topics.map((m) => m.id));
    const own =
      serviceIds.length <= 1
        ? duties
            .rank(query, named ?? null, namedTopics)
            // An action word alone ("what do we have to secure in lambda") is not a task of its own
            // unless the question reads as "who does it".
            .find(
              (m, i, list) =>
                (!byThing || (m.specific && m.record.service === byThing)) &&
                (m.ownWords
                  ? m.specific || scored.scores[0]?.intent === 'who_owns'
                  : // "who is responsible for the files on EFS": an object named, asked whose it is;
                    // "who tests a new version of a managed rule group": a thing only WAF has, asked who
                    // "who manages the firmware on cloudhsm": a question that opens with "who" and
                    // names a task's object asks who does it, in a verb no duty has
                    m.specific &&
                    (((m.ownership || byThing !== undefined) && scored.scores[0]?.intent === 'who_owns') ||
                      (entities.words[0] === 'who' &&
                        named !== undefined &&
                        i === 0 &&
                        !list.some((x) => x.ownWords)))),
            )
        : undefined;
    let u = understand(entities, scored, turn, own?.record.topic ?? null, rules);
    // A who-question with nothing that anchors it to the model's areas may still name a task only one
    // service has ("who decides which accounts go in which OU"): that service's duty, not the model.
    if (
      u.intent === 'explain_model' &&
      u.unanchored &&
      u.services.length === 0 &&
      !u.topic &&
      !entities.cues.has('model') &&
      !entities.cues.has('pronoun')
    ) {
      const inferred = inferService(query, namedTopics, entities.words, things);
      const service = inferred ? (responder.service(inferred) ?? null) : null;
      const task = service
        ? duties
            .rank(query, service, namedTopics)
            .find((m) => m.specific && m.ownWords && m.record.service === inferred)
        : undefined;
      if (inferred && task) {
        u = {
          intent: 'who_owns',
          services: [inferred],
          topic: task.record.topic,
          control: null,
          serviceModel: null,
          confidence: Math.max(u.confidence, TUNABLES.answerAt),
          fromContext: false,
        };
      }
    }
    // A task or condition of the previous service's duty outweighs the classifier's "off topic"; the
    // cues of requests, costs and other clouds were checked in carriedTask.
    const carried = carriedTask(entities, query, namedTopics, turn);
    if (carried && u.services.length === 0) {
      u = {
        intent: 'who_owns',
        services: [carried.service],
        topic: carried.topic,
        control: null,
        serviceModel: null,
        confidence: Math.max(u.intent === 'out_of_scope' ? 0 : u.confidence, TUNABLES.answerAt),
        fromContext: true,
      };
    }
    // A follow-up that names a thing only another service has ("and NACLs?" after an EC2 question) is
    // about that service.
    const thing = things.size === 1 ? [...things][0] : undefined;
    if (thing && u.services.length === 0 && turn?.service && entities.cues.has('followUp') && !carried) {
      // ... even when nothing else in it reads as a question ("and instance store?" after EBS).
      u = {
        intent: 'who_owns',
        services: [thing],
        topic: turn.topic,
        control: null,
        serviceModel: null,
        confidence: Math.max(u.intent === 'out_of_scope' ? 0 : u.confidence, TUNABLES.answerAt),
        fromContext: true,
      };
    }
    if (u.fromContext && entities.services.length === 0 && u.services.length === 1) {
      const other = things.size === 1 ? [...things][0] : undefined;
      const carriedService = responder.service(u.services[0] as string) ?? null;
      // ... unless the carried service has that task itself ("and the user volumes?" on WorkSpaces).
      // (a task asked in words: "and NACLs?" alone names a thing, which EC2's NACL duty only mentions).
      const own = duties
        .rank({ ...query, asks: false }, carriedService, namedTopics)
        .find((m) => m.specific && m.record.service);
      if (other && other !== u.services[0] && !own) u = { ...u, services: [other], fromContext: false };
    }
    // A follow-up naming only a service that stands for a topic ("and who picks which KMS key it uses?"
    // after FSx) may still ask about the previous service: the same choice as between two named ones.
    const asTopic = u.services[0];
    if (
      turn?.service &&
      u.services.length === 1 &&
      asTopic &&
      asTopic !== turn.service &&
      asTopic in opts.kb.vocabulary.serviceAsTopic &&
      (entities.cues.has('followUp') || entities.cues.has('pronoun'))
    ) {
      const a = subject([turn.service, asTopic], { ...query, asks: false }, namedTopics, null);
      if (a && a.id === turn.service)
        u = { ...u, intent: 'who_owns', services: [a.id], topic: a.m.record.topic, fromContext: true };
    }
    // Two services and no "vs": one may only qualify the other's task ("on ECS with the EC2 launch type,
    // who patches the container instances"). Answer the service whose task the message names.
    if (u.intent === 'compare' && !entities.cues.has('compare') && u.services.length >= 2 && !u.fromContext) {
      // A thing of a third service, not named, may be what is asked ("who rotates the aws managed keys
      // like aws/s3 and aws/ebs": KMS's keys, for S3 and EBS).
      const unnamed = [...things].filter((id) => !u.services.includes(id));
      const a =
        (unnamed.length === 1 ? subject([...u.services, ...unnamed], query, namedTopics, things) : null) ??
        subject(u.services, query, namedTopics, things, headOf(u.services, entities)) ??
        (u.services.length === 2 ? sameOwner(u.services, entities, query, namedTopics) : null);
      if (a) u = { ...u, intent: 'who_owns', services: [a.id], topic: a.m.record.topic };
    }
    // Two services named and one read as the other's topic, while the message names a thing only that one
    // has ("the rotation lambda for a secret in Secrets Manager"): weigh both again, that thing counting.
    const dropped = entities.services.find((m) => !u.services.includes(m.id))?.id;
    if (u.intent === 'who_owns' && u.services.length === 1 && dropped && serviceIds.length === 2) {
      if (things.has(dropped)) {
        const a = subject([u.services[0] as string, dropped], query, namedTopics, things);
        if (a && a.id === dropped) u = { ...u, services: [a.id], topic: a.m.record.topic };
      }
    }
    // One service beside a thing only another service has ("SSE-KMS on a bucket", "origin access control
    // so our S3 origin isn't public"): the same choice between the two, by their duties.
    const only = u.services[0];
    if (u.intent === 'who_owns' && u.services.length === 1 && only && !u.fromContext) {
      const others = [...things].filter((id) => id !== only);
      const other = others.length === 1 ? others[0] : undefined;
      const a = other ? subject([only, other], query, namedTopics, null) : null;
      if (a && a.id !== only) u = { ...u, services: [a.id], topic: a.m.record.topic };
    }
    let dutyStems: readonly string[] = [];

    let reply: Reply;
    if (u.confidence < TUNABLES.fallbackBelow || u.intent === 'out_of_scope') {
      reply = responder.fallback('out_of_scope', question, { ...meta('out_of_scope', round(u.confidence)) });
    } else if (u.confidence < TUNABLES.answerAt && (u.services.length > 0 || u.topic)) {
      reply = responder.clarify(u, question, [resolved(u)]);
    } else if (other && u.services.length > 0) {
      // "who patches the load balancer in front of our EC2 instances": the question may be about the
      // service it does not know; offer the one it knows instead of answering for it unasked.
      const choice = responder.clarify(u, question, [resolved(u)]);
      reply = {
        ...choice,
        text: CLARIFY.besideUnknown(
          other.id,
          choice.choices.map((c) => c.label),
        ),
      };
    } else if (u.intent === 'who_owns' && u.services.length <= 1) {
      const topics = new Set<TopicId>(namedTopics);
      if (u.topic) topics.add(u.topic);
      // No service named, but a task only one service has ("who writes the bucket policies"): that one.
      // A service model named instead of a service ("on IaaS"): that model's duties, no service inferred.
      const model = u.services.length === 0 ? u.serviceModel : null;
      const inferred =
        u.services.length === 0 && !model ? inferService(query, topics, entities.words, things) : null;
      if (inferred) u = { ...u, services: [inferred] };
      const service = u.services[0] ? (responder.service(u.services[0]) ?? null) : null;
      let ranked = rankFor({ ...query, model }, service, topics, u.fromContext ? null : u.topic);
      dutyStems = entities.stems;
      // The previous task, when this follow-up states one of its conditions ("and self-managed?",
      // "and managed node groups?"): that task alone, under the condition, even where another duty
      // has the same condition or the words are also another duty's object or a topic's name ("auto
      // mode" is a thing of Lambda's update-mode duty; "container image" names the application area).
      const after = turn?.dutyStems.length ?? 0;
      const previous = (list: DutyMatch[]): DutyMatch | undefined => {
        const m = turn?.duty ? list.find((x) => x.record.key === turn.duty) : undefined;
        return m && (m.conditionAt?.start ?? -1) >= after ? m : undefined;
      };
      /** Topics the message names outside the condition it states. */
      const otherTopics = (m: DutyMatch | undefined) =>
        entities.topics.filter(
          (t) =>
            !m?.conditionAt || t.start + after < m.conditionAt.start || t.end + after > m.conditionAt.end,
        ).length;
      if (carried?.match && u.fromContext && service?.id === carried.service) {
        // The previous task's object with this message's action (see carriedTask).
        ranked = [carried.match];
        dutyStems = [...entities.stems, ...(turn?.dutyStems ?? [])];
      } else if (ranked.length === 0 && u.fromContext && turn?.dutyStems.length && u.topic === turn.topic) {
        // "and aurora?" after "who picks the rds maintenance window": the same task on the new service
        // (only when the topic itself was carried: "who backs it up?" asks a task of its own).
        // The new message's words come along: "and on RDS Custom for Oracle?" states a condition.
        // Within the carried area, as a question naming it would be ("same question for dynamodb").
        ranked = rankFor({ stems: [...turn.dutyStems, ...entities.stems] }, service, topics, u.topic);
        const kept = previous(ranked);
        if (kept) ranked = [kept];
        dutyStems = turn.dutyStems;
      } else if (
        turn?.duty &&
        service?.id === turn.service &&
        entities.cues.has('followUp') &&
        !entities.words.includes('who') &&
        !(ranked[0]?.specific && ranked[0].ownWords)
      ) {
        // "and managed node groups?" after "eks self-managed nodes: who patches the OS?": no task, area
        // or who-question of its own, so the previous task, with the variant this message states.
        const again = rankFor({ stems: [...turn.dutyStems, ...entities.stems] }, service, topics, null);
        const found = previous(again);
        const kept = found && otherTopics(found) === 0 ? found : undefined;
        const same =
          namedTopics.size === 0 && !ranked[0]?.specific && again[0]?.record.key === turn.duty
            ? again[0]
            : undefined;
        const next = kept ?? same;
        if (next) {
          ranked = kept ? [kept] : again;
          dutyStems = turn.dutyStems;
          u = { ...u, topic: next.record.topic, fromContext: true };
        }
      }
      let rival = rivalOf(ranked);
      if (ranked[0] && rival && rival.specific === ranked[0].specific) {
        // A long message whose context names other tasks: the sentence that asks decides, if it
        // names one task by itself ("We run ECS on EC2 … The AMI is old. Who patches the OS?").
        const asked = askingSentence(raw);
        if (asked) {
          const e = index.extract(asked);
          const again = rankFor({ ...dutyQuery(e), stems: e.stems }, service, topics, null).filter(
            (m) => m.specific && m.ownWords,
          );
          if (again[0] && !rivalOf(again)) {
            ranked = again;
            rival = undefined;
          }
        }
      }
      const best = ranked[0];
      if (best && rival && rival.specific === best.specific) {
        reply = responder.clarifyDuties(u, question, [best, rival]);
      } else if (best) {
        reply = responder.duty(u, question, best);
        // A layer's duty asked with an activity's verb ("patch the hypervisor", "configuring AWS's
        // network devices") is that activity's question: its topic is the activity's.
        const activity =
          reply.kind === 'answer' && reply.meta.topic && layerOrBroad.has(reply.meta.topic)
            ? activities.find(
                (a) =>
                  a.actions.some((x) => best.record.duty.actions.includes(x)) &&
                  entities.stems.some((w) => a.stems.has(w)),
              )
            : undefined;
        if (activity) reply = { ...reply, meta: { ...reply.meta, topic: activity.topic } };
      } else {
        reply = responder.respond(u, question);
      }
    } else {
      reply = responder.respond(u, question);
    }
    if (reply.kind === 'fallback' && reply.reason === 'out_of_scope') {
      // An out-of-scope turn ends the conversation's subject: the next question starts afresh.
      remember(null);
    } else if (
      reply.kind !== 'fallback' &&
      (reply.kind !== 'clarify' || whichTask(reply)) &&
      (reply.meta.service || reply.meta.topic)
    ) {
      remember({
        intent: reply.meta.intent,
        service: reply.meta.service,
        topic: reply.meta.topic,
        duty: reply.meta.duty ?? null,
        dutyStems: reply.meta.duty ? dutyStems : [],
        at: now,
      });
    }
    return reply;
  }

  /** A "which task?" question: the service and area are known, only the task is not; they carry on. */
  function whichTask(reply: Reply): boolean {
    return (
      reply.kind === 'clarify' &&
      reply.choices.length > 0 &&
      reply.choices.every((c) => c.text.startsWith('duty '))
    );
  }

  /**
   * Of two services in one message, the one whose own task the message names, clearly ahead of the
   * other's; a service that stands for a topic ("with SSE-KMS", "logged in CloudTrail") qualifies the
   * other one unless its own task clearly leads. `things`: the services whose things the message names,
   * when a thing only one of the two has should count for it.
   */
  function subject(
    ids: readonly string[],
    query: DutyQuery,
    topics: ReadonlySet<TopicId>,
    things: ReadonlySet<string> | null,
    head?: string,
  ): { id: string; m: DutyMatch } | null {
    // A thing only one of them has ("container instances" are ECS's) tips a tie its way.
    const hasNoun = (id: string) => things?.has(id) === true;
    const best = ids.map((id) => {
      const m = duties.rank(query, responder.service(id) ?? null, topics)[0];
      const handicap = id in opts.kb.vocabulary.serviceAsTopic ? TUNABLES.duty.inferMargin * 2 : 0;
      const noun = hasNoun(id) ? TUNABLES.duty.inferMargin : 0;
      // The service named first heads the phrase the other only places ("the CloudFront distribution
      // in front of our S3 bucket").
      const first = id === head ? TUNABLES.duty.inferMargin / 2 : 0;
      return { id, m, score: m?.specific ? m.score - handicap + noun + first : 0 };
    });
    const [a, b] = best.sort((x, y) => y.score - x.score);
    return a?.m && b && a.score >= b.score + TUNABLES.duty.inferMargin ? { id: a.id, m: a.m } : null;
  }

  /**
   * Of two services named apart ("the CloudFront distribution in front of our S3 bucket"), the first,
   * which heads the phrase; none when there are more, or when they are listed together ("between EC2
   * and an EBS volume").
   */
  function headOf(ids: readonly string[], e: Entities): string | undefined {
    if (ids.length !== 2) return undefined;
    const [x, y] = ids
      .map((id) => e.services.find((m) => m.id === id))
      .sort((p, q) => (p?.start ?? 0) - (q?.start ?? 0));
    if (!x || !y) return undefined;
    return e.words.slice(x.end, y.start).some((w) => LIST_WORDS.has(w)) ? undefined : x.id;
  }

  /** A message as the duty matcher reads it. */
  function dutyQuery(entities: Entities): DutyQuery {
    return {
      stems: entities.stems,
      // Service names inside a task's words ("aws managed kms keys"), not the nouns of an alias ("keys").
      serviceAt: new Set(
        entities.services.flatMap((m) =>
          range(m.start, m.end).filter((i) => {
            const w = entities.words[i] as string;
            return serviceWords.has(w) || nameWords.get(m.id)?.has(w) === true;
          }),
        ),
      ),
      inService: new Set(entities.services.flatMap((m) => range(m.start, m.end))),
      topicAt: new Set(entities.topics.flatMap((m) => range(m.start, m.end))),
    };
  }

  /**
   * Two services named apart, not listed together ("the bastion host we run in our vpc, an ec2 box";
   * "the rotation lambda for a secret in Secrets Manager"): one only says where the other's task is.
   * When only one of them has a task the message asks with that task's own words, or neither task clearly
   * leads but both have the same owner, the owner is not in doubt: answer that task. Services listed
   * together ("ec2 and rds", "cloudfront/r53") are both asked about, and tasks with different owners stay
   * a comparison.
   */
  function sameOwner(
    ids: readonly string[],
    e: Entities,
    query: DutyQuery,
    topics: ReadonlySet<TopicId>,
  ): { id: string; m: DutyMatch } | null {
    const first = (id: string) => e.services.find((m) => m.id === id);
    const [x, y] = ids.map(first).sort((p, q) => (p?.start ?? 0) - (q?.start ?? 0));
    if (!x || !y) return null;
    const between = e.words.slice(x.end, y.start);
    if (between.every((w) => LIST_WORDS.has(w))) return null;
    const tasks = ids.flatMap((id) => {
      const m = duties.rank(query, responder.service(id) ?? null, topics).find((d) => d.ownWords);
      return m && m.record.service === id ? [{ id, m }] : [];
    });
    const [a, b] = tasks;
    if (!a) return null;
    if (!b) return a;
    if (a.m.owner !== b.m.owner) return null;
    return b.m.score > a.m.score ? b : a;
  }

  /**
   * An exam's multiple-choice question ("Which of the following is AWS's responsibility? A) customer data
   * B) IAM policies C) the hypervisor D) security group rules"): each option is read as a task; when
   * exactly one option's owner is the side asked about, that option is the answer. Otherwise the message
   * is read as any other.
   */
  function multipleChoice(raw: string): Reply | undefined {
    const sides = opts.kb.vocabulary.sides;
    const m = splitOptions(raw);
    if (!m || !sides) return undefined;
    const question = normalize(m[1] ?? '');
    const stemE = index.extract(question);
    // The side asked is named outside the names of services ("Amazon EC2", "AWS Lambda") and of the model
    // ("the shared responsibility model").
    const inName = (i: number) => stemE.services.some((x) => i >= x.start && i < x.end);
    // A scenario before the question ("A company uses Amazon RDS. Which task is AWS's?") names no side:
    // only the words from the question's last "which"/"who"/"what" on.
    const stemWords = stemE.words.filter((_, i) => !inName(i));
    const askingAt = stemWords.flatMap((w, i) => (ASKING.has(w) ? [i] : []));
    const sideStem = (from: number) => {
      let stem = ` ${stemWords.slice(from).join(' ')} `;
      for (const phrase of modelPhrases) stem = stem.split(` ${phrase} `).join(' ');
      return stem;
    };
    const letters = m.slice(2).map((text, i) => ({ letter: m.labels[i] ?? '', text: (text ?? '').trim() }));
    const lastStem = sideStem(Math.max(0, ...askingAt));
    const asksControl = stemE.cues.has('controls') || / controls? /.test(lastStem);
    const kind = asksControl ? stemE.controls.find((c) => CONTROL_KINDS.has(c.id))?.id : undefined;
    if (kind) return controlChoice(raw, kind, letters);
    // The service the question is about ("For AWS Lambda, which is the customer's responsibility?")
    // holds for an option that names none.
    const stemIds = [...new Set(stemE.services.map((x) => x.id))];
    const stemService = stemIds.length === 1 ? (responder.service(stemIds[0] ?? '') ?? null) : null;
    const options = letters.flatMap(({ letter, text }) => {
      if (!text) return [];
      // An option names a task or a thing ("the hypervisor"): read it as "who is responsible for" it.
      const e = index.extract(`who is responsible for ${normalize(text)}`);
      const ids = [...new Set(e.services.map((x) => x.id))];
      const service = ids.length === 1 ? (responder.service(ids[0] ?? '') ?? null) : stemService;
      const topics = new Set(e.topics.map((t) => t.id));
      const best = duties.rank(dutyQuery(e), service, topics)[0];
      if (best?.specific) return [{ letter, text, best, service }];
      // An option naming a service that stands for an area ("Managing IAM access to tables") is about
      // the stem's service.
      const inStem =
        stemService && service !== stemService
          ? duties.rank(dutyQuery(e), stemService, topics)[0]
          : undefined;
      return inStem?.specific ? [{ letter, text, best: inStem, service: stemService }] : [];
    });
    if (options.length < 2) return undefined;
    // The side asked, read from the last "which"/"who"/"what" on; where that names another side than
    // the one option fits ("stays with the customer regardless of which AWS service is used"), from the
    // first, then the whole question.
    const negated = stemWords.some((w) => NEGATIONS.has(w));
    const right = [Math.max(0, ...askingAt), askingAt[0] ?? 0, 0]
      .map((from) => {
        const stem = sideStem(from);
        const asked = (['shared', 'customer', 'aws'] as const).filter((side) =>
          sides[side].some((w) => stem.includes(` ${normalize(w)} `)),
        );
        if (asked.length !== 1) return [];
        // "Which one is NOT AWS's job?", "… all of the following EXCEPT": the one option of another side.
        return negated
          ? options.filter((o) => o.best.owner !== asked[0])
          : options.filter((o) => o.best.owner === asked[0]);
      })
      .find((list) => list.length === 1);
    if (!right) return undefined;
    const o = right[0] as (typeof options)[number];
    const u: Understanding = {
      intent: 'who_owns',
      services: o.service ? [o.service.id] : [],
      topic: o.best.record.topic,
      control: null,
      serviceModel: null,
      confidence: 1,
      fromContext: false,
    };
    const reply = responder.duty(u, normalize(raw), o.best);
    return reply.kind === 'answer'
      ? { ...reply, notes: [DUTY_NOTES.option(o.letter, o.text), ...reply.notes] }
      : reply;
  }

  /**
   * "Which of these is an inherited control? A) Patch management B) Physical and environmental controls
   * …": the one option that is a control of the kind asked is the answer, explained as that control.
   */
  function controlChoice(
    raw: string,
    kind: ControlId,
    letters: readonly { letter: string; text: string }[],
  ): Reply | undefined {
    const right = letters.flatMap((o) => {
      const c = index.extract(normalize(o.text)).controls[0]?.id;
      return c && kindOf.get(c) === kind ? [{ ...o, control: c }] : [];
    });
    if (right.length !== 1) return undefined;
    const o = right[0] as (typeof right)[number];
    const topic =
      opts.kb.vocabulary.controlTopics[o.control] ?? opts.kb.vocabulary.controlAreas[o.control] ?? null;
    // The exam asks which option is of that kind: an answer about the option's area (who_owns), explained
    // as its control.
    const reply = responder.explainControl(o.control, { ...meta('who_owns'), topic }, normalize(raw));
    return reply.kind === 'explain'
      ? { ...reply, summary: `${DUTY_NOTES.option(o.letter, o.text)}. ${reply.summary}` }
      : reply;
  }

  /**
   * A follow-up that names no service but a task of the previous turn's service ("who chooses when that
   * happens?" after "who patches redshift"), or only a condition of the previous task ("and in auto
   * mode?"): that service, and the task's topic. Never after an out-of-scope turn (no turn is kept) nor
   * for a message that reads as a request or another cloud.
   */
  function carriedTask(
    e: Entities,
    query: DutyQuery,
    topics: ReadonlySet<TopicId>,
    turn: Turn | undefined,
  ): { service: string; topic: TopicId; match?: DutyMatch } | null {
    if (!turn?.service || e.services.length > 0 || e.otherServices.length > 0) return null;
    if (
      e.cues.has('action') ||
      e.cues.has('offTopic') ||
      e.cues.has('otherCloud') ||
      e.cues.has('onPremises')
    )
      return null;
    const looksBack =
      e.cues.has('followUp') || e.cues.has('pronoun') || e.words.length <= TUNABLES.followUpTaskMaxWords;
    const service = responder.service(turn.service);
    if (!looksBack || !service) return null;
    // The message's own task, among the service's own duties.
    const own = duties
      .rank(query, service, topics)
      .find((m) => m.specific && m.record.service === service.id);
    if (own) return { service: service.id, topic: own.record.topic };
    // Only an action, done to the previous task's object ("who picks when?" after "who patches
    // redshift" asks who schedules the patching): another duty of the service with this message's verb.
    // Only when it asks whose ("how do I write that in terraform?" asks no owner).
    if (turn.dutyStems.length > 0 && e.words.some((w) => ASKS_OWNER.has(w))) {
      const both = duties
        .rank({ ...query, stems: [...e.stems, ...turn.dutyStems], asks: false }, service, topics)
        .find((m) => m.record.service === service.id && m.specific && m.ownWords);
      if (both && (both.actionAt ?? e.stems.length) < e.stems.length)
        return { service: service.id, topic: both.record.topic, match: both };
    }
    // Only a condition of the previous task: the same task, with the condition this message states
    // (which may be the first message's again: "and self-managed?" after "and auto mode?").
    if (turn.dutyStems.length === 0 || turn.topic === null) return null;
    const earlier = duties.rank({ stems: turn.dutyStems }, service, topics);
    const before = earlier.find((m) => m.record.key === turn.duty) ?? earlier[0];
    const after = duties
      .rank({ stems: [...turn.dutyStems, ...e.stems] }, service, topics)
      .find((m) => m.record.key === before?.record.key);
    const statesOne = (after?.conditionAt?.start ?? -1) >= turn.dutyStems.length;
    if (after?.condition && (after.condition !== before?.condition || statesOne))
      return { service: service.id, topic: turn.topic };
    return null;
  }

  /**
   * The service whose own duty the message names, when it names none: only when that duty is clearly
   * ahead of every other service's and of the model-level duties ("security groups" belong to many
   * services, so they infer none).
   */
  function inferService(
    query: DutyQuery,
    topics: ReadonlySet<TopicId>,
    said: readonly string[],
    things: ReadonlySet<string>,
  ): string | null {
    // A service's own name inside a topic's phrase ("iam policies", "cloudtrail logs") still names it.
    // ... but not after a word that makes it something else's ("firewall config", "slack workspace").
    const byName = new Set(
      said.flatMap((w, i) => (NOT_AFTER.has(said[i - 1] ?? '') ? [] : (serviceByWord.get(w) ?? []))),
    );
    if (byName.size === 1) return [...byName][0] as string;
    // A thing only one service has names it ("who writes the bucket policies").
    if (things.size === 1) return [...things][0] as string;
    const ranked = duties.infer(query, topics);
    const top = ranked[0];
    if (!top?.record.service || !top.specific) return null;
    const next = ranked.find((m) => m.record.service !== top.record.service);
    return !next || next.score <= top.score - TUNABLES.duty.inferMargin ? top.record.service : null;
  }

  /**
   * Duties for a who-owns question. A duty found by its action alone (a service's default duty) only
   * answers within the topic the message named, if it named one: "who encrypts rds traffic" is not the
   * at-rest default.
   */
  function rankFor(
    query: DutyQuery,
    service: Parameters<typeof duties.rank>[1],
    topics: ReadonlySet<TopicId>,
    askedTopic: TopicId | null,
  ): DutyMatch[] {
    const ranked = duties.rank(query, service, topics);
    return askedTopic ? ranked.filter((m) => m.specific || m.record.topic === askedTopic) : ranked;
  }

  const welcome = welcomeReply(opts.kb);
  const org = opts.org;
  const ourTeam = (id: string, about?: Pick<ReplyMeta, 'duty' | 'service' | 'topic'>) => {
    const owner = about && org?.teamFor(about.duty ?? null, about.service, about.topic);
    return owner && owner.id === id ? owner : org?.team(id);
  };
  return { respond, respondWith, welcome: () => welcome, ...(org ? { ourTeam } : {}) };
}

/** Every field of a turn but its time is in the answer cache's key: a field added to Turn fails here
 * until answerKey includes it. */
const KEYED_TURN_FIELDS: Record<keyof Omit<Turn, 'at'>, true> = {
  intent: true,
  service: true,
  topic: true,
  duty: true,
  dutyStems: true,
};
void KEYED_TURN_FIELDS;

/** The answer cache's key: the text and what of the last turn the answer can depend on (not its time). */
function answerKey(text: string, turn: Turn | null): string {
  if (!turn) return `\u0000${text}`;
  return `${turn.intent}\u0000${turn.service ?? '\u0001'}\u0000${turn.topic ?? '\u0001'}\u0000${turn.duty ?? '\u0001'}\u0000${turn.dutyStems.join(' ')}\u0000${text}`;
}

/** Freezes a reply and everything it holds, so a cached reply shared by callers cannot be changed. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/**
 * Words used in two or more training utterances are real vocabulary, never typos of a service name;
 * a word used once may be a deliberate typo in an example, so it stays open to fuzzy matching.
 */
function trainingVocabulary(intents: IntentFile[]): Set<string> {
  const seen = new Map<string, number>();
  for (const f of intents) {
    for (const u of f.utterances)
      for (const w of new Set(words(normalize(u)))) seen.set(w, (seen.get(w) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n >= 2).map(([w]) => w));
}

function resolved(u: Understanding): Understanding {
  return { ...u, confidence: 1 };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * "question A) one B) two C) three [D) four]" → [question, one, two, three, four?], one linear scan for the
 * option letters in order (no backtracking regular expression on a message up to 2,000 characters).
 * undefined unless A, B and C each appear once, in order, after some question text.
 */
/** The best duty's rival: one with another owner within the clarify margin ("which task did you mean?"). */
function rivalOf(list: readonly DutyMatch[]): DutyMatch | undefined {
  const top = list[0];
  return top && list.find((m) => m.owner !== top.owner && m.score >= top.score - TUNABLES.duty.clarifyMargin);
}

/**
 * The one sentence of a message of several that asks ("… The AMI is a few months old. Who patches the
 * OS on those instances?"): the one with "who"/"whose", else the one ending in "?". None when the
 * message is one sentence or several sentences ask.
 */
function askingSentence(raw: string): string | undefined {
  const sentences = raw
    .split(/(?<=[.!?])\s+/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (sentences.length < 2) return undefined;
  const who = sentences.filter((x) => /\bwho(?:se|'s)?\b/i.test(x));
  const asks = sentences.filter((x) => x.endsWith('?'));
  const one = who.length === 1 ? who[0] : who.length === 0 && asks.length === 1 ? asks[0] : undefined;
  // A sentence that points back ("does AWS update those, or do we bump them?") needs the others.
  return one && !POINTS_BACK.test(one) ? one : undefined;
}

/** A pronoun standing for something said before: "it", "them", or "those"/"these"/"that" with no noun
 * after them. */
const POINTS_BACK =
  /\b(?:it|them|they)\b|\b(?:those|these|that|this)\b(?=\s*(?:$|[?.,!;:]|\b(?:as|or|and|to|for|in|on|up|too|then|now)\b))/i;

function splitOptions(raw: string): Options | undefined {
  // "A)", "A.", "A:", "A-", "(A)", the same in lower case ("a)"), numbered ("1)", "1.") or in roman
  // numerals ("i)", "iv."), in order.
  let marks = [...raw.matchAll(/(?:^|\s)\(?([A-D]|[a-d]|[1-4]|i{1,3}|iv)[).:-](?=\s|$)/g)];
  // Lettered options inside a numbered list are the list's ("1. Patching A) …") only when both are used.
  const lettered = marks.filter((x) => /^[A-Da-d]$/.test(x[1] ?? ''));
  const roman = marks.filter((x) => /^(?:i{1,3}|iv)$/.test(x[1] ?? ''));
  marks =
    roman.length >= 3 &&
    roman
      .map((x) => x[1])
      .join(',')
      .startsWith('i,ii,iii')
      ? roman
      : lettered.length >= 3
        ? lettered
        : marks;
  const letters = marks.map((x) => x[1]).join(',');
  const orders = ['A,B,C', 'A,B,C,D', 'a,b,c', 'a,b,c,d', '1,2,3', '1,2,3,4', 'i,ii,iii', 'i,ii,iii,iv'];
  if (!orders.includes(letters)) return bulleted(raw);
  // As the message marks them ("A", "2", "iii"), for the note naming the option answered.
  const labels = marks.map((x) => (/^[a-d]$/.test(x[1] ?? '') ? (x[1] ?? '').toUpperCase() : (x[1] ?? '')));
  // Where each mark starts (its letter) and where its option's text starts (after the mark).
  const starts = marks.map((x) => (x.index ?? 0) + x[0].length - (x[1] ?? '').length - 1);
  const texts = marks.map((x) => (x.index ?? 0) + x[0].length);
  const question = raw.slice(0, starts[0]).replace(/\($/, '').trim();
  if (!question) return undefined;
  const parts = texts.map((from, i) =>
    raw
      .slice(from, starts[i + 1])
      .replace(/\($/, '')
      .trim(),
  );
  if (parts.some((p) => !p)) return undefined;
  return Object.assign([raw, question, ...parts], { labels });
}

/** The message, the question, then each option's text; `labels`: how each option is marked ("A", "1"),
 * or A, B, C… for bullets. */
type Options = (string | undefined)[] & { labels: readonly string[] };

/** Options as a bulleted list, one per line ("- Awareness and training", "* …", "• …"), 3 or 4 of them. */
function bulleted(raw: string): Options | undefined {
  // One line ("Which is an inherited control? - Patch management - Zone security - …"): the dashes after
  // the question mark are the bullets.
  const asked = raw.indexOf('?');
  const inline = asked > 0 && !raw.includes('\n') ? raw.slice(asked + 1).split(/\s[-•]\s/) : [];
  const text =
    inline.length >= 4 && inline.length <= 5 && !inline[0]?.trim()
      ? [raw.slice(0, asked + 1), ...inline.slice(1).map((o) => `- ${o.trim()}`)].join('\n')
      : raw;
  const lines = text.split('\n').map((l) => l.trim());
  // "- …", "* …", "• …", and checkboxes ("[ ] …").
  const bullet = /^(?:[-*•]|\[[ xX]?\])\s/;
  const first = lines.findIndex((l) => bullet.test(l));
  if (first < 1) return undefined;
  const options = lines.slice(first).filter(Boolean);
  if (options.length < 3 || options.length > 4 || !options.every((l) => bullet.test(l))) return undefined;
  const question = lines.slice(0, first).join(' ').trim();
  if (!question) return undefined;
  const labels = options.map((_, i) => 'ABCD'[i] ?? '');
  return Object.assign([raw, question, ...options.map((l) => l.replace(bullet, '').trim())], { labels });
}
