import type { Classification } from './classifier.js';
import type { Turn } from './context.js';
import type { Entities, Match } from './entities.js';
import type { ControlId, IntentId, ServiceModelId, TopicId } from './ids.js';
import { TUNABLES } from './tunables.js';

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
}

/**
 * Services that stand for a topic. Next to another service, the name means the topic ("iam for rds"
 * asks about IAM on RDS); alone, with a who-owns question and no other topic, it is the topic asked
 * about ("who turns on cloudtrail?" asks about logging on CloudTrail).
 */
const SERVICE_AS_TOPIC: Readonly<Record<string, TopicId>> = {
  iam: 'iam',
  vpc: 'network-security',
  kms: 'encryption-at-rest',
  backup: 'backup',
  cloudtrail: 'logging-monitoring',
  cloudwatch: 'logging-monitoring',
  guardduty: 'logging-monitoring',
  config: 'logging-monitoring',
  'secrets-manager': 'iam',
  waf: 'network-security',
};

/** A control named with a service asks about the matching topic: "patch management for rds". */
const CONTROL_TOPIC: Partial<Record<ControlId, TopicId>> = {
  'patch-management': 'patching',
  'configuration-management': 'configuration',
  'awareness-training': 'training',
};

/** Broad topics lose to specific ones named in the same message ("encrypt data at rest"). */
const BROAD_TOPICS = new Set<TopicId>([
  'data',
  'configuration',
  'application',
  'infrastructure',
  'compliance',
]);

function pickTopic(topics: Match<TopicId>[]): Match<TopicId> | undefined {
  let best: Match<TopicId> | undefined;
  const rank = (m: Match<TopicId>) => (m.end - m.start) * 2 + (BROAD_TOPICS.has(m.id) ? 0 : 3) + m.confidence;
  for (const m of topics) if (!best || rank(m) > rank(best)) best = m;
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

export function understand(e: Entities, c: Classification, turn: Turn | undefined): Understanding {
  const scored = c.scores;
  const top = scored[0] ?? { intent: 'out_of_scope', p: 0 };
  const p = (...intents: IntentId[]) =>
    scored.filter((s) => intents.includes(s.intent)).reduce((sum, s) => sum + s.p, 0);
  let services = distinctServices(e.services);
  let topicMatch = pickTopic(e.topics);
  const controlMatch = e.controls[0];
  const serviceModel = e.serviceModels[0]?.id ?? null;

  if (services.length >= 2 && !e.cues.has('compare')) {
    const asTopic = services.find((s) => SERVICE_AS_TOPIC[s.id] !== undefined);
    if (asTopic && (!topicMatch || topicMatch.id === SERVICE_AS_TOPIC[asTopic.id])) {
      services = services.filter((s) => s !== asTopic);
      topicMatch ??= { ...asTopic, kind: 'topic', id: SERVICE_AS_TOPIC[asTopic.id] as TopicId };
    }
  }
  let topic = topicMatch?.id ?? null;
  let topicConfidence = topicMatch?.confidence ?? 1;
  if (!topic && controlMatch && CONTROL_TOPIC[controlMatch.id] && services.length > 0) {
    topic = CONTROL_TOPIC[controlMatch.id] ?? null;
    topicConfidence = controlMatch.confidence;
  }
  const serviceConfidence = Math.min(1, ...services.map((s) => s.confidence));
  const entityConfidence = Math.min(serviceConfidence, topic ? topicConfidence : 1);
  // Entities decide; the classifier's agreement moves the confidence within a band.
  const withEntities = (intent: IntentId, compatible: IntentId[]) =>
    entityConfidence * (0.75 + 0.25 * Math.min(1, p(intent, ...compatible) * 1.5));
  const shortFollowUp = e.cues.has('followUp') || e.rest.length <= TUNABLES.followUpMaxExtraWords;
  const outOfScope =
    (top.intent === 'out_of_scope' && top.p >= TUNABLES.outOfScopeOverride) || e.cues.has('offTopic');
  const result = (
    intent: IntentId,
    confidence: number,
    extra: Partial<Omit<Understanding, 'intent' | 'confidence'>> = {},
  ): Understanding => ({
    intent,
    services: services.map((s) => s.id),
    topic,
    control: controlMatch?.id ?? null,
    serviceModel,
    confidence,
    fromContext: false,
    ...extra,
  });

  if (e.cues.has('otherCloud') && services.length === 0) return result('out_of_scope', 0.9, { topic: null });

  if (services.length >= 2) {
    return result('compare', withEntities('compare', ['who_owns', 'service_overview']));
  }
  if (services.length === 1) {
    if (outOfScope && !topic) return result('out_of_scope', top.p, { services: [] });
    if (!topic && (serviceModel || top.intent === 'service_model')) {
      return result('service_model', withEntities('service_model', []));
    }
    if (topic) return result('who_owns', withEntities('who_owns', ['compare']));
    const home = SERVICE_AS_TOPIC[services[0]?.id ?? ''];
    if (home && p('who_owns') > p('service_overview') && !e.cues.has('followUp')) {
      return result('who_owns', withEntities('who_owns', []), { topic: home });
    }
    if (turn?.topic && shortFollowUp && (turn.intent === 'who_owns' || turn.intent === 'compare')) {
      return result('who_owns', withEntities('who_owns', ['service_overview']), {
        topic: turn.topic,
        fromContext: true,
      });
    }
    return result('service_overview', withEntities('service_overview', ['who_owns']));
  }

  // No service named.
  if (topic) {
    if (outOfScope) return result('out_of_scope', top.p, { topic: null });
    if (turn?.service && shortFollowUp && top.intent !== 'explain_control') {
      return result('who_owns', withEntities('who_owns', ['service_overview']), {
        services: [turn.service],
        fromContext: true,
      });
    }
    if (controlMatch) return result('explain_control', controlMatch.confidence * 0.9, { topic: null });
    return result('who_owns', withEntities('who_owns', ['explain_model', 'explain_control']));
  }
  const nothingKnown =
    !controlMatch && !serviceModel && !e.cues.has('model') && c.inScopeWords === 0 && top.intent !== 'help' && top.intent !== 'smalltalk';
  if (nothingKnown || outOfScope) return result('out_of_scope', Math.max(top.p, 0.9));
  if (controlMatch)
    return result('explain_control', controlMatch.confidence * (0.8 + 0.2 * p('explain_control')));
  if (serviceModel) return result('service_model', 0.8 + 0.2 * p('service_model'));
  if (e.cues.has('model') && !outOfScope) return result('explain_model', 0.75 + 0.25 * p('explain_model'));
  if (top.intent === 'who_owns' || top.intent === 'service_overview' || top.intent === 'compare') {
    // A responsibility question with nothing to anchor it: explain the model rather than guess a service.
    return result('explain_model', Math.min(top.p, 0.55));
  }
  return result(top.intent, top.p);
}
