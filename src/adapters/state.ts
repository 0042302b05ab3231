import type { ContextualEngine } from '../core/engine.js';
import type { Turn } from '../core/match/context.js';
import type { Reply } from '../core/reply.js';
import { createFeedbackLog, type FeedbackLog } from '../feedback.js';
import type { Logger } from '../log.js';
import type { EventClaims, Store } from '../store/types.js';

/**
 * What the adapters keep between messages, held in the store so that it survives a restart and is
 * shared by every replica: the conversation's follow-up context, the claims that stop a redelivered
 * event from being answered twice, and the feedback rows.
 */
export interface AdapterState {
  conversations: Conversations;
  feedback: FeedbackLog;
  claims: EventClaims;
}

/** The conversations: each message answered with its conversation's context, read from the store. */
export interface Conversations {
  /** Answers `text` with the context stored for `conversationKey`, and stores the context to keep. */
  ask(text: string, conversationKey: string): Promise<Reply>;
}

/** The adapters' state over a store (the composition root builds it once; tests over a memory store). */
export function adapterState(
  engine: ContextualEngine,
  store: Pick<Store, 'context' | 'claims' | 'feedback'>,
  contextTtlMs: number,
  logger?: Logger,
): AdapterState {
  return {
    conversations: storedConversations(engine, store.context, contextTtlMs),
    feedback: createFeedbackLog(store.feedback, logger),
    claims: store.claims,
  };
}

/**
 * Context through the store: read, answer with `respondWith`, write back only when it changed. The
 * store forgets a context after `ttlMs` (the same idle time as the in-memory engine); a value that is not
 * a turn (written by another version) is ignored rather than trusted.
 */
export function storedConversations(
  engine: ContextualEngine,
  context: Store['context'],
  ttlMs: number,
): Conversations {
  return {
    async ask(text, conversationKey) {
      const now = Date.now();
      const stored = await context.get(conversationKey);
      const turn = isTurn(stored) && now - stored.at <= ttlMs ? stored : null;
      const { reply, context: next } = engine.respondWith({ text, conversationKey, now }, turn);
      if (next !== turn) {
        if (next) await context.set(conversationKey, next, ttlMs);
        else if (turn) await context.delete(conversationKey);
      }
      return reply;
    },
  };
}

function isTurn(value: unknown): value is Turn {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t.intent === 'string' &&
    typeof t.at === 'number' &&
    Array.isArray(t.dutyStems) &&
    (t.service === null || typeof t.service === 'string') &&
    (t.topic === null || typeof t.topic === 'string') &&
    (t.duty === null || typeof t.duty === 'string')
  );
}
