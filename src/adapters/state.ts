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
  /**
   * Answers like `ask` without waiting for the context to be stored: `saved` settles once it is (or
   * rejects if the write failed). For a reply that can go out before the write commits (a slash command's
   * ack): a later message in the same conversation, in this process, waits for `saved` before it reads
   * the context, so a follow-up never reads the turn before. The caller still awaits `saved` (after
   * replying) so the request stays in flight, and a failed write is seen.
   */
  answer(text: string, conversationKey: string): Promise<Answered>;
}

export interface Answered {
  reply: Reply;
  saved: Promise<void>;
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
  /** Context writes not yet settled, by conversation: the next read of that conversation waits for it. */
  const saving = new Map<string, Promise<void>>();
  const done = Promise.resolve();
  const answer = async (text: string, conversationKey: string): Promise<Answered> => {
    const before = saving.get(conversationKey);
    if (before) await before.catch(() => undefined);
    const now = Date.now();
    const stored = await context.get(conversationKey);
    const turn = isTurn(stored) && now - stored.at <= ttlMs ? stored : null;
    const { reply, context: next } = engine.respondWith({ text, conversationKey, now }, turn);
    if (next === turn || (!next && !turn)) return { reply, saved: done };
    const saved = next ? context.set(conversationKey, next, ttlMs) : context.delete(conversationKey);
    saving.set(conversationKey, saved);
    const forget = () => {
      if (saving.get(conversationKey) === saved) saving.delete(conversationKey);
    };
    saved.then(forget, forget);
    return { reply, saved };
  };
  return {
    answer,
    async ask(text, conversationKey) {
      const { reply, saved } = await answer(text, conversationKey);
      await saved;
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
