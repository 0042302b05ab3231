import { describe, expect, it } from 'vitest';
import type { CardAttachment } from '../../../../src/adapters/teams/render/elements.js';
import { TEAMS_LIMITS } from '../../../../src/adapters/teams/render/limits.js';
import { renderCard } from '../../../../src/adapters/teams/render/reply.js';
import { TEAMS_TEXT } from '../../../../src/adapters/teams/render/text.js';
import type { AnswerReply } from '../../../../src/core/reply.js';
import { engine } from '../../../helpers/engine.js';
import { answer } from '../../../helpers/replies.js';
import { validateAdaptiveCard } from '../../../helpers/teams/adaptive-card-validate.js';
import { cardTexts } from '../../../helpers/teams/cards.js';

type Json = Record<string, unknown>;

/** The card's own body, without what sits behind Details. */
function outside(a: CardAttachment): Json[] {
  const out: Json[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Json;
    out.push(o);
    for (const [k, x] of Object.entries(o))
      if (k !== 'data' && !(o.type === 'Action.ShowCard' && k === 'card')) walk(x);
  };
  walk(a.content.body);
  return out;
}
const details = (a: CardAttachment) => {
  const show = outside(a).filter((o) => o.type === 'Action.ShowCard');
  expect(show).toHaveLength(1);
  return show[0] as { title: string; card: { type: string; body: unknown[] } };
};
const topTexts = (a: CardAttachment) =>
  outside(a)
    .filter((o) => o.type === 'TextBlock')
    .map((o) => String(o.text));
const bytes = (a: CardAttachment) => Buffer.byteLength(JSON.stringify(a), 'utf8');

const long = (side: string) =>
  `${side} does the first thing, which is the one that matters. Then a second sentence that only Details shows. And a third.`;

describe('compact answer card', () => {
  const reply = answer({
    aws: long('AWS'),
    customer: long('You'),
    docs: [1, 2, 3, 4].map((i) => ({ title: `Doc ${i}`, url: `https://docs.aws.amazon.com/d${i}.html` })),
  });
  const a = renderCard(reply);

  it('shows the headline, one line for each side and the control, not the whole answer', () => {
    const top = topTexts(a);
    expect(top).toContain(reply.headline);
    expect(top.some((t) => t.includes('AWS does the first thing, which is the one that matters.'))).toBe(
      true,
    );
    expect(top.some((t) => t.includes('You does the first thing'))).toBe(true);
    expect(top.join('\n')).not.toContain('second sentence');
    expect(top.join('\n')).not.toContain('A note.');
    expect(top.find((t) => t.startsWith('📋'))).toBe(
      `📋 **${TEAMS_TEXT.control}:** Patch management (shared control)`,
    );
  });

  it('puts at most two documentation links before Details, the rest and everything else inside it', () => {
    const row = outside(a).find((o) => o.type === 'ActionSet') as { actions: Json[] };
    expect(row.actions.map((b) => [b.type, b.title])).toEqual([
      ['Action.OpenUrl', '📖 Doc 1'],
      ['Action.OpenUrl', '📖 Doc 2'],
      ['Action.ShowCard', TEAMS_TEXT.details],
    ]);
    const inside = cardTexts(details(a).card).join('\n');
    expect(inside).toContain('second sentence that only Details shows');
    expect(inside).toContain('ℹ️ A note.');
    expect(inside).toContain('**Patch management** (shared control): Both sides patch.');
    expect(inside).toContain('[RDS.13](');
    expect(inside).toContain('📖 Doc 3');
    expect(inside).toContain('Doc 4');
    expect(inside).not.toContain('Doc 1');
  });

  it('keeps follow-ups and feedback on the compact card itself', () => {
    const asks = outside(a).filter((o) => o.type === 'Action.Submit');
    expect(asks.map((b) => b.title)).toEqual(['Backups on RDS', 'EC2 patching']);
    expect((a.content.actions as Json[]).map((b) => b.title)).toEqual([
      TEAMS_TEXT.helpful,
      TEAMS_TEXT.notQuite,
    ]);
  });

  it('passes the adaptivecards parser', () => {
    expect(validateAdaptiveCard(a.content)).toEqual([]);
  });

  it('cuts a side with no sentence end at a word, with an ellipsis', () => {
    const c = renderCard(answer({ aws: 'word '.repeat(100) }));
    const line = topTexts(c).find((t) => t.startsWith(TEAMS_TEXT.ownerEmoji.aws)) ?? '';
    expect(line.length).toBeLessThan(TEAMS_LIMITS.compactLine + 40);
    expect(line).toMatch(/word…$/);
  });

  it('is a compact card for every real answer of a sample, each valid and far below 28 KB', () => {
    const questions = [
      'who patches RDS?',
      'who patches the hypervisor',
      'is s3 encryption on us',
      'who rotates kms keys',
      'who chooses the rds maintenance window',
      'who is responsible for lambda runtime updates',
    ];
    let largest = 0;
    for (const q of questions) {
      const r = engine().respond({ text: q, conversationKey: `compact:${q}` });
      expect(r.kind, q).toBe('answer');
      const c = renderCard(r as AnswerReply);
      expect(validateAdaptiveCard(c.content), q).toEqual([]);
      details(c);
      largest = Math.max(largest, bytes(c));
    }
    expect(largest).toBeLessThan(TEAMS_LIMITS.messageBytes);
    expect(largest).toBeLessThan(12_000);
  });
});
