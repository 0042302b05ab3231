import type { IntentId, TopicId } from '../../kb/ids.js';

/** What a conversation was last about, so "and lambda?" or "what about encryption?" can be answered. */
export interface Turn {
  intent: IntentId;
  service: string | null;
  topic: TopicId | null;
  /** The duty answered (its key), and the stems of the message that named it, so "and aurora?" can
   * find the same duty on another service. */
  duty: string | null;
  dutyStems: readonly string[];
  at: number;
}

/**
 * Per-conversation memory with an idle expiry. A Map keeps insertion order, so re-inserting on use
 * makes the first key the least recently used one, dropped first when the store is full.
 */
export class ContextStore {
  readonly #turns = new Map<string, Turn>();
  constructor(
    readonly ttlMs: number,
    readonly maxConversations: number,
  ) {}

  get(key: string, now: number): Turn | undefined {
    const t = this.#turns.get(key);
    if (!t) return undefined;
    if (now - t.at > this.ttlMs) {
      this.#turns.delete(key);
      return undefined;
    }
    return t;
  }

  set(key: string, turn: Turn): void {
    this.#turns.delete(key);
    this.#turns.set(key, turn);
    if (this.#turns.size > this.maxConversations) {
      const oldest = this.#turns.keys().next().value;
      if (oldest !== undefined) this.#turns.delete(oldest);
    }
  }

  /** Forgets a conversation's context (after an out-of-scope turn). */
  delete(key: string): void {
    this.#turns.delete(key);
  }

  get size(): number {
    return this.#turns.size;
  }
}
