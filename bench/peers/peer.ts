import type { IntentId } from '../../src/kb/ids.js';
import type { KnowledgeBase } from '../../src/kb/load.js';
import type { LabelledQuestion, Prediction } from '../accuracy.js';

/**
 * What a team would build instead of our engine: an off-the-shelf matcher (nlp.js, fuse.js) plus the
 * obvious glue. The glue is the same for every peer, so the comparison is about the matchers: it looks
 * the owner up in the same knowledge base and carries the last service and topic over to a follow-up
 * that names none (a simple slot carry-over; neither library keeps conversation context by itself).
 */
export interface Peer {
  readonly name: string;
  /** Answers one message in one conversation. */
  answer(text: string, conversationKey: string): Promise<Prediction>;
}

/** What a peer's matcher made of one message, before the glue. */
export interface PeerUnderstanding {
  /** An intent id, or null when the matcher is not confident enough (→ fallback). */
  intent: IntentId | null;
  /** Services in the order they appear in the message. */
  services: string[];
  topic: string | null;
  control: string | null;
}

const NEEDS_SERVICE = new Set<IntentId>(['who_owns', 'service_overview', 'service_model', 'compare']);
const NEEDS_TOPIC = new Set<IntentId>(['who_owns', 'compare']);

/** Keeps at most this many conversations' last service and topic (oldest dropped first). */
const MAX_CONVERSATIONS = 10_000;

/** The shared glue: turns a matcher's understanding into an answer from the knowledge base. */
export function createGlue(kb: KnowledgeBase) {
  const services = new Map(kb.services.map((s) => [s.id, s]));
  const topics = new Map(kb.topics.map((t) => [t.id as string, t]));
  const last = new Map<string, { service: string | null; topic: string | null }>();

  const prediction = (p: Partial<Prediction> & Pick<Prediction, 'intent' | 'kind'>): Prediction => ({
    service: null,
    topic: null,
    owner: null,
    control: null,
    duty: null,
    offered: [],
    ...p,
  });

  function decide(u: PeerUnderstanding, conversationKey: string): Prediction {
    const intent = u.intent;
    if (intent === null || intent === 'out_of_scope')
      return prediction({ intent: 'out_of_scope', kind: 'fallback' });
    const before = last.get(conversationKey);
    let service = u.services[0] ?? null;
    let topic = u.topic;
    if (before && NEEDS_SERVICE.has(intent) && service === null) service = before.service;
    if (before && NEEDS_TOPIC.has(intent) && topic === null) topic = before.topic;
    const remember = () => {
      last.delete(conversationKey);
      last.set(conversationKey, { service, topic });
      if (last.size > MAX_CONVERSATIONS) last.delete(last.keys().next().value as string);
    };

    switch (intent) {
      case 'who_owns': {
        const t = topic ? topics.get(topic) : undefined;
        if (!t) return prediction({ intent, service, kind: 'clarify' });
        remember();
        const s = service ? services.get(service) : undefined;
        if (!s) {
          return prediction({
            intent,
            topic,
            owner: t.general.owner,
            control: t.controls[0] ?? null,
            kind: 'answer',
          });
        }
        const entry = s.topics[t.id];
        if (entry && 'owner' in entry) {
          const control = entry.controls[0] ?? t.controls[0] ?? null;
          return prediction({ intent, service, topic, owner: entry.owner, control, kind: 'answer' });
        }
        if (entry && t.appliesToEveryService) {
          return prediction({
            intent,
            service,
            topic,
            owner: t.general.owner,
            control: t.controls[0] ?? null,
            kind: 'answer',
          });
        }
        return prediction({ intent, service, topic, kind: 'fallback' });
      }
      case 'service_overview':
      case 'service_model':
        if (!service) return prediction({ intent, kind: 'clarify' });
        remember();
        return prediction({ intent, service, kind: 'answer' });
      case 'compare':
        if (!service || !topic) return prediction({ intent, service, topic, kind: 'clarify' });
        remember();
        return prediction({ intent, service, topic, kind: 'answer' });
      case 'explain_control':
        return prediction({ intent, control: u.control, kind: 'answer' });
      case 'explain_model':
      case 'help':
      case 'smalltalk':
        return prediction({ intent, kind: 'answer' });
    }
  }

  return { decide };
}

/** Runs a peer on one labelled question, replaying its context first in a conversation of its own. */
export async function predictWithPeer(peer: Peer, q: LabelledQuestion, n: number): Promise<Prediction> {
  const key = `peer:${n}:${q.id}`;
  for (const earlier of q.context ?? []) await peer.answer(earlier, key);
  return peer.answer(q.text, key);
}

/** Every alias of every service (its id included), lower case. */
export function serviceNames(kb: KnowledgeBase): Array<{ id: string; texts: string[] }> {
  return kb.services.map((s) => ({ id: s.id, texts: unique([s.id, s.name.toLowerCase(), ...s.aliases]) }));
}

/** Every topic's name and synonyms, lower case. */
export function topicNames(kb: KnowledgeBase): Array<{ id: string; texts: string[] }> {
  return kb.topics.map((t) => ({ id: t.id, texts: unique([t.name.toLowerCase(), ...t.synonyms]) }));
}

/** Every control's name and synonyms, lower case. */
export function controlNames(kb: KnowledgeBase): Array<{ id: string; texts: string[] }> {
  return kb.controls.map((c) => ({ id: c.id, texts: unique([c.name.toLowerCase(), ...c.synonyms]) }));
}

function unique(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
}
