import { describe, expect, it } from 'vitest';
import { ACTION, decodeFeedback, decodeToggle, toggleValue } from '../../../../src/adapters/slack/actions.js';
import type { SlackMessage } from '../../../../src/adapters/slack/render/blocks.js';
import { renderReply } from '../../../../src/adapters/slack/render/reply.js';
import { firstSentence } from '../../../../src/adapters/slack/render/short.js';
import { SLACK_TEXT } from '../../../../src/adapters/slack/render/text.js';
import type { AnswerReply } from '../../../../src/core/reply.js';
import { answer, meta } from '../../../helpers/replies.js';
import { messageProblems } from '../../../helpers/slack/blockkit-limits.js';
import { nativeFeedback } from '../../../helpers/slack/harness.js';

const json = (m: SlackMessage) => JSON.stringify(m.blocks);
const buttonsOf = (m: SlackMessage) =>
  m.blocks.flatMap((b) =>
    b.type === 'actions' ? (b.elements as Array<{ action_id: string; value: string }>) : [],
  );
const duty: NonNullable<AnswerReply['duty']> = {
  id: 'rds.engine-os-patching',
  label: 'Applying database engine and OS patches',
  owner: 'aws',
  condition: null,
  exceptions: [
    { when: 'RDS Custom for Oracle', owner: 'customer', text: 'You patch the OS.' },
    { when: 'RDS Custom for SQL Server', owner: 'aws', text: 'AWS patches.' },
  ],
};
const docs = Array.from({ length: 5 }, (_, i) => ({
  title: `Doc ${i}`,
  url: `https://docs.aws.amazon.com/doc/${i}`,
}));
const long = answer({
  duty,
  docs,
  aws: 'RDS installs the patches it marks as required. It also patches the standby first. More text.',
  customer: 'You decide when (the maintenance window). You can apply updates sooner.',
});

describe('short answers with details on demand', () => {
  it('shows the headline, one line per side, the control, what changes the owner and at most two docs', () => {
    const m = renderReply(long);
    expect(messageProblems(m)).toEqual([]);
    const text = json(m);
    expect(text).toContain(`*${long.headline}*`);
    expect(text).toContain(`*${SLACK_TEXT.awsShort}:* RDS installs the patches it marks as required.\\n`);
    expect(text).not.toContain('It also patches the standby');
    expect(text).toContain(`*${SLACK_TEXT.yourShort}:* You decide when (the maintenance window).`);
    expect(text).toContain(`*${SLACK_TEXT.control}:* Patch management (shared control)`);
    expect(text).toContain('RDS Custom for Oracle, RDS Custom for SQL Server');
    expect(text).toContain('Doc 0');
    expect(text).toContain('Doc 1');
    expect(text).not.toContain('Doc 2');
    expect(text).not.toContain('RDS.13'); // Security Hub is in the details
    expect(text).not.toContain('A note.');
    const ids = buttonsOf(m).map((b) => b.action_id);
    expect(ids).toContain(ACTION.details);
    expect(ids.some((id) => id.startsWith(ACTION.followUp))).toBe(false);
    expect(m.text).toContain(long.headline);
  });

  it('expands into the full answer with a Less button carrying the same value', () => {
    const short = renderReply(long);
    const full = renderReply(long, { view: 'details' });
    expect(messageProblems(full)).toEqual([]);
    const details = buttonsOf(short).find((b) => b.action_id === ACTION.details);
    const less = buttonsOf(full).find((b) => b.action_id === ACTION.less);
    expect(decodeToggle(details?.value)).toEqual({
      ask: 'duty rds.engine-os-patching',
      question: 'who patches rds',
    });
    expect(less?.value).toBe(details?.value);
    expect(buttonsOf(full).some((b) => b.action_id === ACTION.details)).toBe(false);
    const text = json(full);
    for (const d of docs) expect(text).toContain(d.title);
    expect(text).toContain(SLACK_TEXT.awsSide);
    expect(text).toContain('It also patches the standby');
    expect(text).toContain('RDS.13');
    expect(text).toContain('A note.');
    expect(buttonsOf(full).map((b) => b.action_id)).toContain(`${ACTION.followUp}_0`);
    // Slack asks for new block ids when a message is updated in place.
    const blockIds = (m: SlackMessage) => m.blocks.map((b) => b.block_id).filter(Boolean);
    const native = (view: 'short' | 'details') => renderReply(long, { view, nativeFeedback: true });
    const shortIds = new Set(blockIds(native('short')));
    expect(shortIds.size).toBeGreaterThan(0);
    for (const id of blockIds(native('details'))) expect(shortIds.has(id)).toBe(false);
  });

  it('re-asks the question when the answer names no duty or its owner came from a stated condition', () => {
    const asks = (r: AnswerReply) => decodeToggle(toggleValue(r) ?? undefined)?.ask;
    expect(asks(answer())).toBe('who patches rds');
    const conditional = answer({ duty: { ...duty, condition: { when: 'RDS Custom', text: 'x' } } });
    expect(asks(conditional)).toBe('who patches rds');
    expect(asks(answer({ duty }))).toBe('duty rds.engine-os-patching');
    expect(decodeToggle('who patches rds')).toBeNull();
    expect(toggleValue(answer({ question: 'q'.repeat(2001) }))).toBeNull();
    const m = renderReply(answer({ question: 'q'.repeat(2001) }));
    expect(buttonsOf(m).some((b) => b.action_id === ACTION.details)).toBe(false);
    expect(messageProblems(m)).toEqual([]);
  });

  it('names the owning team of the ownership file, with its Ask button, when there is one', () => {
    const ours = {
      id: 'db',
      name: 'Database Platform',
      slackChannel: '#db-platform',
      teamsChannel: null,
      contact: null,
      runbook: null,
      isDefault: false,
    };
    const m = renderReply({ ...long, ours });
    expect(messageProblems(m)).toEqual([]);
    expect(json(m)).toContain('Database Platform');
    expect(buttonsOf(m).map((b) => b.action_id)).toContain(ACTION.askTeam);
    expect(json(renderReply(long))).not.toContain('Database Platform');
  });

  it('keeps other replies (tables, clarifications) as they were, without Details', () => {
    const clarify = renderReply({
      kind: 'clarify',
      question: 'who patches rsd',
      meta,
      text: 'Did you mean?',
      choices: [{ label: 'RDS', text: 'who patches rds' }],
    });
    expect(buttonsOf(clarify).some((b) => b.action_id === ACTION.details)).toBe(false);
  });

  it('takes the first sentence of a side, and the whole text when it has one', () => {
    expect(firstSentence('AWS patches it. You pick when.')).toBe('AWS patches it.');
    expect(firstSentence('Nothing to patch: IAM is an API')).toBe('Nothing to patch: IAM is an API');
    expect(firstSentence('Use e.g. the console. Then x.')).toBe('Use e.g. the console.');
  });
});

describe('native feedback', () => {
  it('puts thumbs in a context_actions block, each side carrying the labels, the question and its sign', () => {
    const m = renderReply(long, { nativeFeedback: true });
    expect(messageProblems(m)).toEqual([]);
    const ids = buttonsOf(m).map((b) => b.action_id);
    expect(ids).not.toContain(ACTION.helpful);
    expect(ids).not.toContain(ACTION.notQuite);
    const thumbs = nativeFeedback(m as unknown as Record<string, unknown>);
    expect(thumbs?.action_id).toBe(ACTION.nativeFeedback);
    expect(decodeFeedback(thumbs?.positive)).toEqual({ meta, question: 'who patches rds', sign: 1 });
    expect(decodeFeedback(thumbs?.negative)).toEqual({ meta, question: 'who patches rds', sign: -1 });
    expect(m.blocks.at(-1)?.type).toBe('context_actions');
  });

  it('keeps the classic buttons without it, and no feedback at all on a fallback', () => {
    const m = renderReply(long);
    expect(nativeFeedback(m as unknown as Record<string, unknown>)).toBeUndefined();
    expect(buttonsOf(m).map((b) => b.action_id)).toEqual(
      expect.arrayContaining([ACTION.helpful, ACTION.notQuite]),
    );
    const fallback = renderReply(
      { kind: 'fallback', reason: 'out_of_scope', question: 'x', meta, text: 'No.', examples: [] },
      { nativeFeedback: true },
    );
    expect(nativeFeedback(fallback as unknown as Record<string, unknown>)).toBeUndefined();
  });

  it('keeps a native feedback value within 2,000 characters for a long question', () => {
    const m = renderReply(answer({ question: '"quoted" '.repeat(800) }), { nativeFeedback: true });
    expect(messageProblems(m)).toEqual([]);
  });
});
