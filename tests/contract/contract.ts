import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerReply, Reply } from '../../src/core/reply.js';
import { freshEngine } from '../helpers/engine.js';

/**
 * One behaviour suite every adapter passes, run against each platform's real SDK over its local fake
 * (in the style of vercel/chat's packages/tests/src/self-message-contract.ts). The harness only says how
 * a person's message reaches the bot on its platform and what the bot showed; the contract decides what
 * must happen. What the reply should say is asked of a separate engine over the same conversation, so
 * the adapter is checked to add, drop or change nothing.
 */

/** What the bot sent for one message, as the platform carries it. */
export interface Shown {
  /** The reply's plain-text summary: Slack's `text` fallback (unescaped), Teams' `summary`, the terminal's text. */
  summary: string;
  /** Everything sent, serialized, to look for user text that became live markup. */
  raw: string;
  /** The question as the core understood it, read back from the reply's own feedback payload; null
   * where the platform has none. */
  understood: string | null;
}

export interface ContractHarness {
  /** A person's message in one conversation (each name its own conversation); null if the bot sent nothing. */
  send(text: string, conversation: string): Promise<Shown | null>;
  /** The text as the platform shows a mention of the bot in it; null where there are no mentions. */
  mention: ((text: string) => string) | null;
  /** A message from another bot, or from this bot itself, in a conversation; null where there are none. */
  fromBot: ((text: string, conversation: string, who: 'other' | 'self') => Promise<Shown | null>) | null;
  /** A question carrying markup that must never be live in what the bot sends; null for plain text. */
  hostile: { text: string; live: RegExp } | null;
  close(): Promise<void>;
}

export interface ContractDescriptor {
  /** The platform, for the describe block. */
  name: string;
  start(): Promise<ContractHarness>;
}

let unique = 0;

export function chatContract(d: ContractDescriptor): void {
  describe(`the chat contract (${d.name})`, () => {
    let h: ContractHarness;
    beforeAll(async () => {
      h = await d.start();
    });
    afterAll(async () => {
      await h.close();
    });

    /** A conversation of its own, and the replies a separate engine gives the same messages there. */
    const conversation = () => {
      const name = `c${++unique}${Date.now().toString(36)}`;
      const expected = freshEngine();
      return {
        send: async (text: string) => ({
          shown: await h.send(text, name),
          expected: expected.respond({ text, conversationKey: 'expected' }),
        }),
      };
    };
    const headline = (r: Reply) => (r as AnswerReply).headline;

    it('answers a known question: AWS patches RDS', async () => {
      const { shown, expected } = await conversation().send('who patches RDS?');
      expect(expected).toMatchObject({ kind: 'answer', owner: 'aws', meta: { service: 'rds' } });
      expect(shown?.summary).toContain(headline(expected));
    });

    it('asks "did you mean" about a vague question', async () => {
      const { shown, expected } = await conversation().send('who patches rsd');
      expect(expected.kind).toBe('clarify');
      expect(shown?.summary).toContain(expected.kind === 'clarify' ? expected.text : '');
    });

    it('falls back honestly on nonsense', async () => {
      const { shown, expected } = await conversation().send('what colour is the sky');
      expect(expected).toMatchObject({ kind: 'fallback', reason: 'out_of_scope' });
      expect(shown?.summary).toContain(expected.kind === 'fallback' ? expected.text : '');
    });

    it('answers a follow-up with the previous topic ("and lambda?")', async () => {
      const c = conversation();
      await c.send('who patches RDS?');
      const { shown, expected } = await c.send('and lambda?');
      expect(expected).toMatchObject({ kind: 'answer', meta: { service: 'lambda', topic: 'patching' } });
      expect(shown?.summary).toContain(headline(expected));
    });

    it('starts the onboarding tour on "tour" with step 1 of 7', async () => {
      const { shown, expected } = await conversation().send('tour');
      expect(expected).toMatchObject({ kind: 'tour', index: 1, total: 7 });
      expect(shown?.summary).toContain(expected.kind === 'tour' ? expected.title : '');
    });

    it('strips its mention before the question reaches the core', async (ctx) => {
      if (!h.mention) return ctx.skip();
      const { expected } = await conversation().send('who patches RDS?');
      const shown = await h.send(h.mention('who patches RDS?'), `m${++unique}`);
      expect(shown?.summary).toContain(headline(expected));
      expect(shown?.understood).toBe(expected.question);
    });

    it('ignores other bots and itself', async (ctx) => {
      if (!h.fromBot) return ctx.skip();
      expect(await h.fromBot('who patches RDS?', `b${++unique}`, 'other')).toBeNull();
      expect(await h.fromBot('who patches RDS?', `s${++unique}`, 'self')).toBeNull();
    });

    it('never lets user text become live markup', async (ctx) => {
      if (!h.hostile) return ctx.skip();
      const shown = await h.send(h.hostile.text, `x${++unique}`);
      expect(shown).not.toBeNull();
      expect(shown?.raw).not.toMatch(h.hostile.live);
    });
  });
}
