import { describe, expect, it } from 'vitest';
import { ACTION, decodeFeedback, encodeFeedback } from '../../../../src/adapters/slack/actions.js';
import type { SlackMessage } from '../../../../src/adapters/slack/render/blocks.js';
import { renderHome } from '../../../../src/adapters/slack/render/home.js';
import { BLOCK_KIT_LIMITS } from '../../../../src/adapters/slack/render/limits.js';
import { cutMrkdwn, escapeText, fitText } from '../../../../src/adapters/slack/render/mrkdwn.js';
import { renderReply } from '../../../../src/adapters/slack/render/reply.js';
import { SLACK_TEXT } from '../../../../src/adapters/slack/render/text.js';
import type { CompareReply, OverviewReply, Reply } from '../../../../src/core/reply.js';
import { answer, meta } from '../../../helpers/replies.js';
import { homeViewProblems, messageProblems } from '../../../helpers/slack/blockkit-limits.js';
import { testEngine } from '../../../helpers/slack/harness.js';

const blocksJson = (m: SlackMessage) => JSON.stringify(m.blocks);
const allButtons = (m: SlackMessage) =>
  m.blocks.flatMap((b) =>
    b.type === 'actions'
      ? (b.elements as Array<{ action_id: string; value: string; text: { text: string }; style?: string }>)
      : [],
  );

describe('escaping and truncation', () => {
  it('escapes &, < and > so text shows as typed and never becomes a mention', () => {
    expect(escapeText('<!channel> & <@U1> > x')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &gt; x');
  });

  it('cuts to the limit without splitting an entity or a surrogate pair', () => {
    const cut = fitText('&'.repeat(100), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut).toMatch(/^(&amp;)+…$/);
    const emoji = fitText('😀'.repeat(100), 21);
    expect(emoji.length).toBeLessThanOrEqual(21);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(fitText('short', 10)).toBe('short');
  });

  it('escapes knowledge-base and user text everywhere, including links and the fallback text', () => {
    const m = renderReply(
      answer({
        headline: '<!channel> AWS & you <script>',
        aws: 'a <!here> b',
        docs: [{ title: 'Docs <b>bold</b> | pipe', url: 'https://example.com/a?x=1&y=<2>|z' }],
        followUps: [{ label: '<!everyone>', text: 'who patches rds' }],
      }),
      { askedBy: { user: 'U0ALICE', question: '<!channel> hi' } },
    );
    const json = JSON.stringify(m);
    for (const bad of ['<!channel>', '<!here>', '<!everyone>', '<script>', '<b>'])
      expect(json).not.toContain(bad);
    expect(json).toContain('&lt;!channel&gt;');
    expect(m.text).not.toContain('<');
    expect(messageProblems(m)).toEqual([]);
    expect(json).toContain(
      '<https://example.com/a?x=1&amp;y=%3C2%3E%7Cz|Docs &lt;b&gt;bold&lt;/b&gt; ¦ pipe>',
    );
  });

  it('cuts escaped mrkdwn at a line, or inside one line without breaking an entity or a link', () => {
    const lines = cutMrkdwn(['first line', 'x'.repeat(100)].join('\n'), 60);
    expect(lines).toBe(`first line\n${SLACK_TEXT.shortened}`);
    const entity = cutMrkdwn(`${'a'.repeat(25)}&amp;&amp;&amp;&amp;&amp;&amp;&amp;`, 60);
    expect(entity.length).toBeLessThanOrEqual(60);
    expect(entity).not.toMatch(/&(?!amp;)/);
    const linked = cutMrkdwn(
      `${'a'.repeat(20)} <https://example.com/a/long/path|label> tail ${'b'.repeat(40)}`,
      60,
    );
    expect(linked.length).toBeLessThanOrEqual(60);
    expect(linked.split('\n')[0]).toBe('a'.repeat(20));
  });

  it('ignores an askedBy or sharedBy user id that is not a Slack user id', () => {
    const m = renderReply(answer(), {
      askedBy: { user: 'U1> <!channel', question: 'q' },
      sharedBy: '<!here>',
    });
    expect(JSON.stringify(m)).not.toContain('<!');
    expect(blocksJson(m)).not.toContain('asked:');
  });

  it('keeps every part within Block Kit limits when the content is huge', () => {
    const long = 'word '.repeat(3000);
    const m = renderReply(
      answer({
        title: 'T'.repeat(400),
        headline: long,
        aws: long,
        customer: long,
        notes: Array.from({ length: 30 }, () => long),
        controls: Array.from({ length: 20 }, (_, i) => ({
          id: 'shared' as const,
          name: `C${i}`,
          kind: 'shared' as const,
          summary: long,
        })),
        securityHub: Array.from({ length: 80 }, (_, i) => ({
          id: `RDS.${i}`,
          title: long.slice(0, 300),
          url: `https://example.com/${i}`,
        })),
        docs: Array.from({ length: 80 }, (_, i) => ({
          title: `Doc ${i}`,
          url: `https://example.com/doc/${i}`,
        })),
        followUps: Array.from({ length: 40 }, (_, i) => ({
          label: `Label ${i} ${'x'.repeat(100)}`,
          text: `question ${i}`,
        })),
      }),
      { shareQuestion: 'who patches rds', view: 'details' },
    );
    expect(messageProblems(m)).toEqual([]);
    const buttons = allButtons(m);
    expect(buttons.filter((b) => b.action_id.startsWith(ACTION.followUp))).toHaveLength(
      BLOCK_KIT_LIMITS.actionsElements,
    );
    for (const b of buttons) expect(b.text.text.length).toBeLessThanOrEqual(75);
    const header = m.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
  });

  it('leaves out a suggestion whose question does not fit in a button value instead of cutting it', () => {
    const m = renderReply(
      answer({
        followUps: [
          { label: 'too long', text: 'q'.repeat(2001) },
          { label: 'ok', text: 'who patches ec2' },
        ],
      }),
      { view: 'details' },
    );
    const values = allButtons(m)
      .filter((b) => b.action_id.startsWith(ACTION.followUp))
      .map((b) => b.value);
    expect(values).toEqual(['who patches ec2']);
  });

  it('packs a very long table into fewer sections, losing no row, with the buttons still last', () => {
    const overview: OverviewReply = {
      kind: 'overview',
      question: 'service rds',
      meta: { ...meta, intent: 'service_overview', topic: null, owner: null },
      title: 'Amazon RDS: who is responsible for what',
      summary: 'Summary.',
      rows: Array.from({ length: 60 }, (_, i) => ({
        topic: 'patching' as const,
        topicName: `Topic ${i}`,
        owner: 'aws' as const,
        text: 'Row text.',
      })),
      securityHub: [{ id: 'RDS.1', title: 'A control title', url: 'https://example.com/1' }],
      docs: [{ title: 'Docs', url: 'https://example.com' }],
      followUps: [{ label: 'Next', text: 'who patches rds' }],
    };
    const m = renderReply(overview);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    expect(messageProblems(m)).toEqual([]);
    for (let i = 0; i < 60; i++) expect(blocksJson(m)).toContain(`*Topic ${i}*`);
    expect(m.blocks.at(-1)?.type).toBe('actions');
  });

  it('cuts content past 50 blocks, says so, and keeps the buttons', () => {
    const m = renderReply({
      kind: 'explain',
      question: 'model',
      meta: { ...meta, intent: 'explain_model' },
      title: 'Model',
      summary: 'Summary.',
      sections: Array.from({ length: 80 }, (_, i) => ({ heading: `Section ${i}`, text: 'Text.' })),
      docs: [],
      followUps: [{ label: 'Next', text: 'who patches rds' }],
    });
    expect(m.blocks).toHaveLength(50);
    expect(messageProblems(m)).toEqual([]);
    expect(blocksJson(m)).toContain(SLACK_TEXT.shortened);
    expect(m.blocks.slice(-2).map((b) => b.type)).toEqual(['actions', 'actions']);
  });
});

describe('answers', () => {
  it('gives each owner its own emoji in the header', () => {
    const headers = (['aws', 'customer', 'shared'] as const).map((owner) => {
      const m = renderReply(answer({ owner, meta: { ...meta, owner } }));
      const h = m.blocks[0] as { type: string; text: { text: string } };
      expect(h.type).toBe('header');
      expect(h.text.text).toContain(SLACK_TEXT.ownerEmoji[owner]);
      return h.text.text;
    });
    expect(new Set(headers).size).toBe(3);
    expect(new Set(Object.values(SLACK_TEXT.ownerEmoji)).size).toBe(3);
  });

  it('shows both sides, the control, Security Hub ids as links and the docs in the details', () => {
    const m = renderReply(answer(), { view: 'details' });
    const json = blocksJson(m);
    expect(json).toContain(SLACK_TEXT.awsSide);
    expect(json).toContain(SLACK_TEXT.yourSide);
    expect(json).toContain('Patch management');
    expect(json).toContain(
      '<https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-13|RDS.13>',
    );
    expect(json).toContain(
      '<https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.html|Security in Amazon RDS>',
    );
    expect(json).toContain('maintenance window &amp; apply');
    expect(m.text).toContain('Shared');
  });

  it('makes follow-up buttons that ask the suggestion, and feedback buttons carrying the meta as compact JSON', () => {
    const m = renderReply(answer(), { view: 'details' });
    const buttons = allButtons(m);
    expect(buttons.slice(0, 2).map((b) => [b.action_id, b.value])).toEqual([
      [`${ACTION.followUp}_0`, 'who is responsible for backup on rds'],
      [`${ACTION.followUp}_1`, 'who patches ec2'],
    ]);
    const helpful = buttons.find((b) => b.action_id === ACTION.helpful);
    const notQuite = buttons.find((b) => b.action_id === ACTION.notQuite);
    expect(helpful?.value).toBe(notQuite?.value);
    expect(helpful?.value).not.toMatch(/\s"|":\s/); // compact
    expect(decodeFeedback(helpful?.value)).toEqual({ meta, question: 'who patches rds' });
    expect(buttons.some((b) => b.action_id === ACTION.share)).toBe(false);
  });

  it('adds a Share in channel button only for private answers', () => {
    const m = renderReply(answer(), { shareQuestion: 'who patches RDS?' });
    const share = allButtons(m).find((b) => b.action_id === ACTION.share);
    expect(share).toMatchObject({ value: 'who patches RDS?', style: 'primary' });
    expect(share?.text.text).toBe(SLACK_TEXT.share);
  });

  it('keeps the feedback value within 2,000 characters for a long question', () => {
    const value = encodeFeedback(meta, '"quoted" '.repeat(800));
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeFeedback(value)?.meta).toEqual(meta);
    expect(decodeFeedback('not json')).toBeNull();
    expect(decodeFeedback('{"m":{},"q":"x"}')).toBeNull();
  });

  it('puts compared services side by side, two per row', () => {
    const col = (service: string, owner: 'aws' | 'shared') => ({
      service,
      name: service.toUpperCase(),
      owner,
      aws: `${service} aws`,
      customer: `${service} you`,
    });
    const reply: CompareReply = {
      kind: 'compare',
      question: 'rds vs ec2 vs lambda patching',
      meta: { ...meta, intent: 'compare' },
      title: 'RDS vs EC2 vs LAMBDA: patching',
      topicName: 'Patching',
      columns: [col('rds', 'aws'), col('ec2', 'shared'), col('lambda', 'aws')],
      docs: [],
      followUps: [],
    };
    const m = renderReply(reply);
    const sections = m.blocks.filter((b) => b.type === 'section') as Array<{
      fields?: Array<{ text: string }>;
      text?: { text: string };
    }>;
    expect(sections[0]?.fields?.map((f) => f.text)).toEqual([
      `:cloud: *RDS*: AWS`,
      `:handshake: *EC2*: Shared`,
    ]);
    expect(sections[1]?.fields?.map((f) => f.text)).toEqual([
      `*${SLACK_TEXT.awsSide}*\nrds aws`,
      `*${SLACK_TEXT.awsSide}*\nec2 aws`,
    ]);
    expect(sections[3]?.text?.text).toContain('LAMBDA');
    expect(messageProblems(m)).toEqual([]);
  });
});

describe('clarify, fallback and messages', () => {
  it('renders "did you mean" as one choice button per choice, without feedback buttons', () => {
    const reply: Reply = {
      kind: 'clarify',
      question: 'who patches rsd',
      meta: { ...meta, confidence: 0.5 },
      text: 'Did you mean Patching on RDS or Patching on Redshift?',
      choices: [
        { label: 'Patching on RDS', text: 'who is responsible for patching on rds' },
        { label: 'Patching on Redshift', text: 'who is responsible for patching on redshift' },
      ],
    };
    const m = renderReply(reply);
    expect(allButtons(m).map((b) => [b.action_id, b.value])).toEqual([
      [`${ACTION.choice}_0`, 'who is responsible for patching on rds'],
      [`${ACTION.choice}_1`, 'who is responsible for patching on redshift'],
    ]);
    expect(m.text).toBe(reply.text);
  });

  it('renders a fallback with example buttons and no feedback buttons', () => {
    const reply: Reply = {
      kind: 'fallback',
      reason: 'out_of_scope',
      question: 'weather',
      meta: { ...meta, intent: 'out_of_scope', service: null, topic: null, owner: null, control: null },
      text: 'I can only answer questions about the AWS Shared Responsibility Model.',
      examples: [{ label: 'Who patches RDS?', text: 'who patches RDS?' }],
    };
    const m = renderReply(reply);
    expect(allButtons(m).map((b) => b.action_id)).toEqual([`${ACTION.followUp}_0`]);
  });
});

describe('every reply the real engine gives fits Slack', () => {
  const engine = testEngine();
  const questions = [
    'help',
    '',
    'model',
    'controls',
    'who patches rds?',
    'do I have to patch my ec2 instances',
    'what am I responsible for with S3',
    'what are inherited controls',
    'ec2 vs rds patching',
    'rds vs ec2 vs lambda vs s3 encryption at rest',
    'who patches rsd',
    'what is the weather today',
    'hi',
    'thanks',
    'is lambda iaas or paas',
    'who handles physical security',
    'x'.repeat(5000),
    ...engine.kb.services.map((s) => `service ${s.id}`),
  ];
  it.each(questions.map((q) => [q.slice(0, 60), q]))('%s', (_name, q) => {
    const reply = engine.respond({ text: q, conversationKey: `render:${q}` });
    for (const opts of [
      {},
      { shareQuestion: q.slice(0, 2000) || 'help' },
      { askedBy: { user: 'U0ALICE', question: q } },
    ]) {
      const m = renderReply(reply, opts);
      expect(messageProblems(m)).toEqual([]);
      expect(m.text.length).toBeGreaterThan(0);
    }
  });
});

describe('App Home', () => {
  it('shows what the bot does, the model, example questions and the commands within the Home limits', () => {
    const view = renderHome(testEngine().welcome());
    expect(view.type).toBe('home');
    expect(homeViewProblems(view)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain(SLACK_TEXT.home.model);
    expect(json).toContain(testEngine().kb.model.ofTheCloud.title);
    for (const c of ['/srm service', '/srm model', '/srm controls', '/srm help']) expect(json).toContain(c);
    expect(json).toContain('&lt;question&gt;');
    const examples = (view.blocks as Array<{ type: string; elements?: unknown[] }>)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples)
      expect((e as { action_id: string }).action_id).toMatch(new RegExp(`^${ACTION.followUp}_\\d+$`));
  });
});
