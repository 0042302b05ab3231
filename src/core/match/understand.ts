import {
  CONTROL_KINDS,
  type ControlId,
  type IntentId,
  type ServiceModelId,
  type TopicId,
} from '../../kb/ids.js';
import type { Vocabulary } from '../../kb/schema.js';
import { TUNABLES } from '../tunables.js';
import type { Classification } from './classifier.js';
import type { Turn } from './context.js';
import type { Entities, Match } from './entities.js';

/**
 * Combines the entities and the classifier's scores (and the conversation's previous turn) into one
 * reading of the message: the intent, its services, topic and control, and how sure we are.
 */
export interface Understanding {
  intent: IntentId;
  services: string[];
  topic: TopicId | null;
  control: ControlId | null;
  serviceModel: ServiceModelId | null;
  confidence: number;
  /** True when the service or topic came from the previous turn. */
  fromContext: boolean;
  /** An explanation of the model given because nothing in the message anchored a duty, not asked for:
   * it names no owner. */
  unanchored?: true;
}

/**
 * The word lists understanding reads, from data/vocabulary.json: services that stand for a topic
 * ("iam for rds" asks about IAM on RDS; alone, "who turns on cloudtrail?" asks about logging), shared
 * controls that are also topics, and the roles of topics (broad ones lose to specific ones; layers are
 * what an activity is done to: "patch the host OS" asks about patching).
 */
export interface UnderstandRules {
  serviceAsTopic: Readonly<Record<string, TopicId>>;
  controlTopic: Partial<Record<ControlId, TopicId>>;
  /** The area a control covers where it is no topic's shared control (inherited → physical security). */
  controlArea: Partial<Record<ControlId, TopicId>>;
  topicControl: ReadonlyMap<TopicId, ControlId>;
  /** The words that ask who does what (vocabulary.asksWho), as written. */
  asksWho: ReadonlySet<string>;
  /** First words of a yes/no question; words that ask whose something is (vocabulary.questionWords). */
  yesNo: ReadonlySet<string>;
  asksOwner: ReadonlySet<string>;
  /** Words that name the bot itself (vocabulary.questionWords.bot). */
  bot: ReadonlySet<string>;
  /** Words of thanks (vocabulary.smalltalk.thanks): a message opening with one and asking nothing is
   * small talk ("thanks, that's what I needed"). */
  thanks: ReadonlySet<string>;
  /** Words of greeting (vocabulary.smalltalk.greeting: "hi", "good" of "good morning"). */
  greeting: ReadonlySet<string>;
  broad: ReadonlySet<TopicId>;
  layer: ReadonlySet<TopicId>;
  activity: ReadonlySet<TopicId>;
}

export function understandRules(v: Vocabulary): UnderstandRules {
  return {
    serviceAsTopic: v.serviceAsTopic,
    controlTopic: v.controlTopics,
    controlArea: v.controlAreas,
    asksWho: new Set(v.asksWho.flatMap((w) => w.split(' '))),
    yesNo: new Set(v.questionWords.yesNo),
    asksOwner: new Set(v.questionWords.asksOwner),
    bot: new Set(v.questionWords.bot),
    thanks: new Set(v.smalltalk?.thanks ?? []),
    greeting: new Set(v.smalltalk?.greeting ?? []),
    topicControl: new Map(Object.entries(v.controlTopics).map(([c, t]) => [t as TopicId, c as ControlId])),
    broad: new Set(v.topicRoles.broad),
    layer: new Set(v.topicRoles.layer),
    activity: new Set(v.topicRoles.activity),
  };
}

/** Words that ask whose something is, outside the model's own name ("the shared responsibility model"). */
function asksOwner(e: Entities, rules: UnderstandRules): boolean {
  return e.words.some(
    (w, i) => rules.asksOwner.has(w) && !(e.words[i - 1] === 'shared' || e.words[i + 1] === 'model'),
  );
}

/** Replies that are safe whenever they are the classifier's best guess: nothing is asserted. */
const HARMLESS = new Set<IntentId>(['help', 'smalltalk']);

function pickTopic(topics: Match<TopicId>[], rules: UnderstandRules): Match<TopicId> | undefined {
  // "encryption" alone reads as at rest; next to "in transit" or "tls" the message is about transit.
  const transit = topics.some((m) => m.id === 'encryption-in-transit');
  const candidates = transit
    ? topics.filter((m) => m.id !== 'encryption-at-rest' || /\brest\b/.test(m.text))
    : topics;
  let best: Match<TopicId> | undefined;
  const activity = candidates.some((m) => rules.activity.has(m.id));
  const rank = (m: Match<TopicId>) =>
    (m.end - m.start) * 2 +
    (rules.broad.has(m.id) ? 0 : 3) +
    (activity && rules.layer.has(m.id) ? -5 : 0) +
    m.confidence;
  for (const m of candidates) if (!best || rank(m) > rank(best)) best = m;
  return best;
}

function distinctServices(services: Match[]): Match[] {
  const seen = new Map<string, Match>();
  for (const m of services) {
    const prev = seen.get(m.id);
    if (!prev || m.confidence > prev.confidence) seen.set(m.id, m);
  }
  return [...seen.values()].sort((a, b) => a.start - b.start);
}

/**
 * `dutyTopic`: the topic of a duty the message names by itself ("who enables guardduty" names
 * GuardDuty's enabling duty); such a message keeps its own subject and never takes the previous turn's
 * topic.
 */
export function understand(
  e: Entities,
  c: Classification,
  turn: Turn | undefined,
  dutyTopic: TopicId | null,
  rules: UnderstandRules,
): Understanding {
  const SERVICE_AS_TOPIC = rules.serviceAsTopic;
  const BROAD_TOPICS = rules.broad;
  const scored = c.scores;
  const top = scored[0] ?? { intent: 'out_of_scope', p: 0 };
  const p = (...intents: IntentId[]) =>
    scored.filter((s) => intents.includes(s.intent)).reduce((sum, s) => sum + s.p, 0);
  let services = distinctServices(e.services);
  // Shared controls named in a message are topics too ("security awareness training" → training).
  const controlTopics: Match<TopicId>[] = e.controls.flatMap((m) => {
    const t = rules.controlTopic[m.id];
    return t ? [{ ...m, kind: 'topic' as const, id: t }] : [];
  });
  let topicMatch = pickTopic([...e.topics, ...controlTopics], rules);
  const ownDuty = dutyTopic !== null;
  // "training, a shared control" asks about awareness & training; otherwise the first control named.
  const named = e.controls.map((m) => m.id);
  const childOfTopic = topicMatch ? rules.topicControl.get(topicMatch.id) : undefined;
  // Two kinds or more ("inherited vs shared controls") ask about the kinds: no one control.
  const kinds = new Set(named.filter((id) => CONTROL_KINDS.has(id)));
  const control =
    childOfTopic && named.includes('shared') ? childOfTopic : kinds.size >= 2 ? null : (named[0] ?? null);
  const serviceModel = e.serviceModels[0]?.id ?? null;
  const compareCue = e.cues.has('compare');
  // Words of a question about who does what, outside the names of services ("Amazon" in a name is none).
  const inName = (i: number) => e.services.some((m) => i >= m.start && i < m.end);
  const asksWho = e.words.some((w, i) => rules.asksWho.has(w) && !inName(i));
  // Asking what something is, or what kind of control it is ("is patch management a shared control").
  const asksWhat =
    e.cues.has('explain') ||
    e.cues.has('controls') ||
    e.cues.has('compare') ||
    // a kind named by its own word ("inherited"), not by what it covers ("environmental controls")
    e.controls.some((m) => CONTROL_KINDS.has(m.id) && m.text.split(' ').some((w) => m.id.startsWith(w)));

  if (services.length >= 2 && !compareCue) {
    // Of two services that stand for topics, the one whose topic the message names qualifies the other
    // ("CloudTrail logs to SSE-KMS" is about CloudTrail's encryption).
    const asTopic =
      services.find((s) => topicMatch && SERVICE_AS_TOPIC[s.id] === topicMatch.id) ??
      services.find((s) => SERVICE_AS_TOPIC[s.id] !== undefined);
    if (asTopic && (!topicMatch || topicMatch.id === SERVICE_AS_TOPIC[asTopic.id])) {
      services = services.filter((s) => s !== asTopic);
      topicMatch ??= { ...asTopic, kind: 'topic', id: SERVICE_AS_TOPIC[asTopic.id] as TopicId };
    }
  }
  const topic = topicMatch?.id ?? null;
  const topicConfidence = topicMatch?.confidence ?? 1;
  const serviceConfidence = Math.min(1, ...services.map((s) => s.confidence));
  const entityConfidence = Math.min(serviceConfidence, topic ? topicConfidence : 1);
  // Entities decide; the classifier's agreement moves the confidence within a band.
  const withEntities = (intent: IntentId, compatible: IntentId[]) =>
    entityConfidence * (0.75 + 0.25 * Math.min(1, p(intent, ...compatible) * 1.5));
  const shortFollowUp = e.cues.has('followUp') || e.rest.length <= TUNABLES.followUpMaxExtraWords;
  const refersBack = shortFollowUp || e.cues.has('pronoun');
  const classifierSaysOut = top.intent === 'out_of_scope' && top.p >= TUNABLES.outOfScopeOverride;
  const action = e.cues.has('action') || e.cues.has('offTopic');
  const result = (
    intent: IntentId,
    confidence: number,
    extra: Partial<Omit<Understanding, 'intent' | 'confidence'>> = {},
  ): Understanding => ({
    intent,
    services: services.map((s) => s.id),
    topic,
    control,
    serviceModel,
    confidence,
    fromContext: false,
    ...extra,
  });
  const outOfScope = () =>
    result('out_of_scope', Math.max(top.p, 0.9), { services: [], topic: null, control: null });

  const asksWhose = asksOwner(e, rules);

  if (e.cues.has('otherCloud') || action) return outOfScope();
  // "RDS says storage full and the app is down, help!!" is troubleshooting (RESPONSIBILITY.md section 5)
  // unless it asks who is responsible.
  // So are limits and quotas ("how many AZs does us-east-1 have"), unless a duty is asked whose
  // ("who sets how many days of backups RDS keeps").
  if (e.cues.has('trouble') && !ownDuty && !asksWhose) return outOfScope();
  if (e.cues.has('limits') && !asksWhose) return outOfScope();
  // "how do I restore an RDS snapshot to a new instance" is a how-to (RESPONSIBILITY.md section 5);
  // "how do I use you" asks for help.
  if (e.cues.has('howTo') && !asksWhose) {
    return (e.words.some((w) => rules.bot.has(w)) || top.intent === 'help') && services.length === 0
      ? result('help', Math.max(p('help'), TUNABLES.answerAt), { services: [], topic: null, control: null })
      : outOfScope();
  }
  // "who patches our on-prem ESXi hosts" is not about AWS; "migrating our on-prem database to RDS" is.
  if (e.cues.has('onPremises') && services.length === 0) return outOfScope();

  if (services.length >= 2) {
    // ... unless it asks who does a task ("Multi-tenant SaaS on DynamoDB: who writes the IAM conditions?").
    if (serviceModel && !compareCue && !asksWhose) {
      // "is lightsail iaas like ec2?" asks about the first service's model.
      return result('service_model', withEntities('service_model', []), {
        services: [services[0]?.id as string],
        topic: null,
      });
    }
    // "what's the difference between SNS and SQS?" compares products, not responsibilities.
    if (!topic && !ownDuty && !asksWho && e.cues.has('explain')) return outOfScope();
    // "cloudtrail vs cloudwatch" compares them on what both stand for.
    const homes = new Set(services.map((s) => SERVICE_AS_TOPIC[s.id]));
    const shared = !topic && homes.size === 1 ? [...homes][0] : undefined;
    return result(
      'compare',
      withEntities('compare', ['who_owns', 'service_overview']),
      shared ? { topic: shared } : {},
    );
  }
  if (services.length === 1) {
    const only = services[0] as Match;
    if (compareCue && turn?.service && turn.service !== only.id) {
      // "how does that compare with ec2?" after a question about RDS.
      return result('compare', withEntities('compare', ['who_owns']), {
        services: [turn.service, only.id],
        topic: topic ?? turn.topic,
        fromContext: true,
      });
    }
    if (serviceModel && (!topic || top.intent === 'service_model') && !(ownDuty && asksWho)) {
      return result('service_model', withEntities('service_model', []), { topic: null });
    }
    if (!topic && top.intent === 'service_model')
      return result('service_model', withEntities('service_model', []));
    if (e.cues.has('overview') && (!topic || BROAD_TOPICS.has(topic) || topicMatch?.kind !== 'topic')) {
      return result('service_overview', withEntities('service_overview', ['who_owns']), { topic: null });
    }
    if (topic) return result('who_owns', withEntities('who_owns', ['compare']));
    if (ownDuty && !classifierSaysOut) return result('who_owns', serviceConfidence, { topic: dutyTopic });
    if (turn && shortFollowUp && turn.intent === 'service_model') {
      return result('service_model', withEntities('service_model', ['service_overview']), {
        fromContext: true,
      });
    }
    if (turn && shortFollowUp && turn.intent === 'service_overview') {
      return result('service_overview', withEntities('service_overview', ['who_owns']), {
        fromContext: true,
      });
    }
    if (turn?.topic && shortFollowUp && (turn.intent === 'who_owns' || turn.intent === 'compare')) {
      return result('who_owns', withEntities('who_owns', ['service_overview']), {
        topic: turn.topic,
        fromContext: true,
      });
    }
    if (classifierSaysOut || (top.intent === 'out_of_scope' && top.p > p('service_overview', 'who_owns'))) {
      return outOfScope();
    }
    const home = SERVICE_AS_TOPIC[only.id];
    if (home && p('who_owns') > p('service_overview')) {
      return result('who_owns', withEntities('who_owns', []), { topic: home });
    }
    // "what is Amazon Kinesis used for?" names a service but asks nothing about responsibility
    // (RESPONSIBILITY.md section 5).
    if (e.cues.has('explain') && !asksWho && !e.cues.has('model') && !ownDuty) return outOfScope();
    return result('service_overview', withEntities('service_overview', ['who_owns']));
  }

  // No service named.
  // "inherited vs shared controls - what's the difference?": the kinds, side by side.
  if (kinds.size >= 2 && !ownDuty) return result('explain_control', 0.9, { topic: null });
  if (
    (rules.thanks.has(e.words[0] ?? '') || rules.greeting.has(e.words[0] ?? '')) &&
    !topic &&
    !ownDuty &&
    !control &&
    !serviceModel &&
    !asksWhose
  )
    return result('smalltalk', Math.max(p('smalltalk'), TUNABLES.answerAt));
  // "can you give me the whole breakdown for it?" after a question about DynamoDB: that service's table.
  if (
    turn?.service &&
    e.cues.has('overview') &&
    refersBack &&
    !e.cues.has('model') &&
    !topic &&
    !control &&
    !serviceModel
  ) {
    return result('service_overview', withEntities('service_overview', ['who_owns', 'explain_model']), {
      services: [turn.service],
      fromContext: true,
    });
  }
  if (HARMLESS.has(top.intent) && top.p >= 0.5 && !topic)
    return result(top.intent, Math.max(top.p, TUNABLES.answerAt));
  // "is compliance a shared responsibility?" asks who owns an area, yes or no; "what is the shared
  // responsibility model" explains the model.
  const yesNoArea = topic !== null && !asksWhat && rules.yesNo.has(e.words[0] ?? '');
  if (
    e.cues.has('model') &&
    !yesNoArea &&
    top.intent === 'explain_model' &&
    (!ownDuty || asksWhat) &&
    !control &&
    !serviceModel &&
    (!topic || top.p >= 0.7)
  ) {
    return result('explain_model', 0.75 + 0.25 * top.p, {
      topic: null,
      control: null,
      ...(asksWhat ? {} : { unanchored: true as const }),
    });
  }
  if (!topic && ownDuty && !control && !classifierSaysOut && !HARMLESS.has(top.intent)) {
    if (turn?.service && e.cues.has('pronoun')) {
      return result('who_owns', 0.6 + 0.4 * p('who_owns'), {
        services: [turn.service],
        topic: dutyTopic,
        fromContext: true,
      });
    }
    return result('who_owns', 0.75 + 0.25 * p('who_owns', 'explain_model', 'explain_control'), {
      topic: dutyTopic,
    });
  }
  if (topic) {
    // ... unless it names a task of its own and nothing that points back: "Encrypting data on the
    // client-side" after a Lambda question is the exam statement, not Lambda's encryption.
    const ownTask = ownDuty && !e.cues.has('followUp') && !e.cues.has('pronoun');
    if (turn?.service && refersBack && !serviceModel && !ownTask) {
      return result('who_owns', withEntities('who_owns', ['service_overview']), {
        services: [turn.service],
        fromContext: true,
      });
    }
    // "what about training?" after a question about another area of the model: that area's owner.
    if (turn && !turn.service && e.cues.has('followUp') && shortFollowUp && !serviceModel)
      return result('who_owns', withEntities('who_owns', ['explain_model', 'explain_control']));
    // ... unless a task of its own is asked whose ("whose job is classifying what data goes into which
    // bucket"): the classifier's lean below its override does not outweigh that.
    if (top.intent === 'out_of_scope' && top.p >= 0.5 && !(ownDuty && asksWhose)) return outOfScope();
    // "what is patch management" explains the control; "is patch management shared" and the bare
    // exam statement "Patch management" ask its owner.
    // "physical and environmental controls are inherited from whom?" asks the owner, in words of asking.
    if (control && asksWhat && top.intent !== 'who_owns' && !ownDuty && !asksWhose)
      return result('explain_control', 0.9, { topic: null });
    // "who patches the guest OS on IaaS" asks the task's owner under that model; "what is IaaS" does not.
    if (serviceModel && !(ownDuty && asksWho))
      return result('service_model', 0.8 + 0.2 * p('service_model'), { topic: null });
    return result('who_owns', withEntities('who_owns', ['explain_model', 'explain_control']));
  }
  if (turn?.service && turn.topic && e.cues.has('pronoun') && top.intent === 'who_owns') {
    return result('who_owns', 0.6 + 0.4 * p('who_owns'), {
      services: [turn.service],
      topic: turn.topic,
      fromContext: true,
    });
  }
  // A control named with a duty of its own and no "what is" asks that duty's owner (exam wording).
  if (control && ownDuty && !asksWhat) return result('who_owns', 0.9, { topic: dutyTopic });
  // "physical and environmental controls are inherited from whom?": the owner of the area it covers.
  const area = control ? rules.controlArea[control] : undefined;
  if (area && asksWhose && !e.cues.has('explain')) return result('who_owns', 0.9, { topic: area });
  if (control) return result('explain_control', 0.8 + 0.2 * p('explain_control'));
  if (e.cues.has('controls')) return result('explain_control', 0.8 + 0.2 * p('explain_control'));
  if (serviceModel) return result('service_model', 0.8 + 0.2 * p('service_model'));
  // "and AWS employees?" after "who trains our staff?": the same area, of whom it names.
  if (turn?.topic && !turn.service && e.cues.has('followUp') && shortFollowUp && !classifierSaysOut)
    return result('who_owns', withEntities('who_owns', ['explain_model']), {
      topic: turn.topic,
      fromContext: true,
    });
  const nothingKnown = c.inScopeWords === 0 && !e.cues.has('model') && !HARMLESS.has(top.intent);
  if (nothingKnown || classifierSaysOut) return outOfScope();
  if (e.cues.has('model')) return result('explain_model', 0.75 + 0.25 * p('explain_model'));
  if (top.intent === 'who_owns' || top.intent === 'service_overview' || top.intent === 'compare') {
    // A responsibility question with nothing to anchor it: explain the model rather than guess a service.
    return result(
      'explain_model',
      Math.max(0.6, p('who_owns', 'service_overview', 'compare', 'explain_model')),
      { unanchored: true },
    );
  }
  if (HARMLESS.has(top.intent)) return result(top.intent, Math.max(top.p, TUNABLES.answerAt));
  return result(top.intent, top.p);
}
