import { describe, expect, it } from 'vitest';
import type { Turn } from '../../src/core/match/context.js';
import { TUNABLES } from '../../src/core/tunables.js';
import { freshEngine } from '../helpers/engine.js';

/** The engine answers a repeated message in the same context from its cache (engine.ts respondWith). */
describe('answer cache', () => {
  it('answers the same text in the same context with the same reply, and the kept turn gets the new time', () => {
    const e = freshEngine();
    const a = e.respondWith({ text: 'who patches rds', conversationKey: 'a', now: 1_000 }, null);
    const b = e.respondWith({ text: 'who patches rds', conversationKey: 'b', now: 2_000 }, null);
    expect(b.reply).toBe(a.reply);
    expect(a.context).toMatchObject({ service: 'rds', topic: 'patching', at: 1_000 });
    expect(b.context).toEqual({ ...a.context, at: 2_000 });
  });

  it('a cached reply cannot be changed by a caller', () => {
    const e = freshEngine();
    const { reply } = e.respondWith({ text: 'who patches rds', conversationKey: 'a' }, null);
    expect(Object.isFrozen(reply)).toBe(true);
    expect(() => {
      (reply as { question: string }).question = 'changed';
    }).toThrow(TypeError);
  });

  it('a follow-up is answered for its own context, not from another context cached before', () => {
    const e = freshEngine();
    const turnAfter = (question: string): Turn => {
      const t = e.respondWith({ text: question, conversationKey: question, now: 1 }, null).context;
      if (!t) throw new Error(`no turn kept for "${question}"`);
      return t;
    };
    const patching = turnAfter('who patches ec2');
    const encryption = turnAfter('who encrypts s3 data');
    const p = e.respondWith({ text: 'and lambda?', conversationKey: 'p' }, patching);
    const q = e.respondWith({ text: 'and lambda?', conversationKey: 'q' }, encryption);
    expect(p.reply.meta).toMatchObject({ service: 'lambda', topic: 'patching' });
    expect(q.reply.meta.topic).not.toBe('patching');
    // The turn's time plays no part: the same turn later is the same cached answer.
    const again = e.respondWith({ text: 'and lambda?', conversationKey: 'r' }, { ...patching, at: 99 });
    expect(again.reply).toBe(p.reply);
  });

  it('a message that keeps no turn returns the context it was given; one that ends the subject forgets it', () => {
    const e = freshEngine();
    const turn = e.respondWith({ text: 'who patches rds', conversationKey: 'a', now: 5 }, null).context;
    for (let i = 0; i < 2; i++) {
      // asked twice: the second time from the cache, with the same effect on the context
      expect(e.respondWith({ text: 'thanks', conversationKey: 'a' }, turn).context).toBe(turn);
      expect(
        e.respondWith({ text: 'what is the weather in paris', conversationKey: 'a' }, turn).context,
      ).toBeNull();
    }
  });

  it('is bounded: the least recently used answers are forgotten, and long messages are not kept', () => {
    const e = freshEngine();
    const first = e.respondWith({ text: 'who patches rds', conversationKey: 'a' }, null).reply;
    for (let i = 0; i < TUNABLES.answerCache.entries; i++) {
      e.respondWith({ text: `who patches rds ${i}`, conversationKey: 'a' }, null);
    }
    const later = e.respondWith({ text: 'who patches rds', conversationKey: 'a' }, null).reply;
    expect(later).not.toBe(first);
    expect(later).toEqual(first);
    const long = `who patches rds${' please'.repeat(TUNABLES.answerCache.maxChars / 7)}`;
    const x = e.respondWith({ text: long, conversationKey: 'a' }, null).reply;
    expect(e.respondWith({ text: long, conversationKey: 'a' }, null).reply).not.toBe(x);
  });
});
