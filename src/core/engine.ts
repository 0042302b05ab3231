import type { IntentFile } from '../kb/intents.js';
import type { KnowledgeBase } from '../kb/load.js';
import { CLARIFY, FALLBACK, SMALLTALK } from './answer/messages.js';
import { Responder } from './answer/respond.js';
import { type IntentClassifier, trainClassifier } from './match/classifier.js';
import { ContextStore } from './match/context.js';
import { buildEntityIndex, type EntityIndex } from './match/entities.js';
import { normalize, words } from './match/normalize.js';
import { type Understanding, understand } from './match/understand.js';
import type { Inbound, Reply, ReplyMeta } from './reply.js';
import { TUNABLES } from './tunables.js';

/**
 * The answer engine: normalize → entities → intent → resolve with the conversation's context →
 * a platform-neutral reply. Adapters call `respond` and render what comes back.
 */
export interface Engine {
  respond(input: Inbound): Reply;
  readonly kb: KnowledgeBase;
}

export interface EngineOptions {
  kb: KnowledgeBase;
  intents: IntentFile[];
  contextTtlMs: number;
}

/** Exact commands shared by Slack's /srm, Teams' command menu and the CLI. */
const COMMAND = /^(?:srm )?(help|model|controls|service(?: (.+))?)$/;

export function createEngine(opts: EngineOptions): Engine {
  const index: EntityIndex = buildEntityIndex(opts.kb, trainingVocabulary(opts.intents));
  const classifier: IntentClassifier = trainClassifier(
    opts.intents.flatMap((f) =>
      f.utterances.map((u) => ({ intent: f.intent, entities: index.extract(u, { exact: true }) })),
    ),
    index.stopwords,
  );
  const responder = new Responder(opts.kb);
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
      case 'controls':
        return responder.explainControl(null, meta('explain_control'), question);
      default: {
        if (!arg) return responder.fallback('unknown_service', question, meta('service_overview', 0));
        // By id first ("service backup", "service config": those words also name topics), then by name.
        const byId = responder.service(arg.replace(/\s+/g, '-'));
        const named = byId ? undefined : index.extract(arg);
        const found = named?.services.filter((s) => s.confidence === 1) ?? [];
        const service = byId ?? (found[0] ? responder.service(found[0].id) : undefined);
        if (!service || found.some((f) => f.id !== service.id)) {
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

  function respond(input: Inbound): Reply {
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
      if (/\p{Extended_Pictographic}|:[a-z0-9_+-]+:/iu.test(raw)) {
        return { kind: 'message', question, meta: meta('smalltalk'), text: SMALLTALK.ack, followUps: [] };
      }
      return responder.fallback('empty', question, meta('out_of_scope'));
    }
    const cmd = COMMAND.exec(question);
    if (cmd) {
      const r = command(cmd[1]?.split(' ')[0] as string, cmd[2], question);
      if (r) return r;
    }

    const entities = index.extract(question);
    // A service the knowledge base does not cover, and none it does: say so rather than answer the
    // general rule as if no service had been named.
    const other = entities.otherServices[0];
    if (other && entities.services.length === 0) {
      return responder.fallback('unknown_service', question, meta('out_of_scope'), undefined, other.id);
    }
    const scored = classifier.classify(entities);
    const turn = contexts.get(input.conversationKey, now);
    const u = understand(entities, scored, turn);

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
    } else {
      reply = responder.respond(u, question);
    }
    if (reply.kind !== 'fallback' && reply.kind !== 'clarify' && (reply.meta.service || reply.meta.topic)) {
      contexts.set(input.conversationKey, {
        intent: reply.meta.intent,
        service: reply.meta.service,
        topic: reply.meta.topic,
        at: now,
      });
    }
    return reply;
  }

  return { respond, kb: opts.kb };
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

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
