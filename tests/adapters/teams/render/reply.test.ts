import { describe, expect, it } from 'vitest';
import { type CardAction, decodeCardAction } from '../../../../src/adapters/teams/actions.js';
import { renderError, renderWelcomeCard } from '../../../../src/adapters/teams/render/cards.js';
import type { CardAttachment } from '../../../../src/adapters/teams/render/elements.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, TEAMS_LIMITS } from '../../../../src/adapters/teams/render/limits.js';
import { cut, escapeMarkdown, safeUrl } from '../../../../src/adapters/teams/render/markdown.js';
import { renderCard } from '../../../../src/adapters/teams/render/reply.js';
import { TEAMS_TEXT } from '../../../../src/adapters/teams/render/text.js';
import { EXAMPLES, OWNER_LABEL } from '../../../../src/core/answer/messages.js';
import type { CompareReply, OverviewReply, Reply } from '../../../../src/core/reply.js';
import { engine } from '../../../helpers/engine.js';
import { answer, meta } from '../../../helpers/replies.js';
import { validateAdaptiveCard } from '../../../helpers/teams/adaptive-card-validate.js';
import { SERVICE_FILES } from '../../../kb/helpers.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object in the card, depth first, in document order. */
function nodes(v: unknown): Json[] {
  if (Array.isArray(v)) return v.flatMap(nodes);
  if (!isObj(v)) return [];
  return [v, ...Object.entries(v).flatMap(([k, x]) => (k === 'data' ? [] : nodes(x)))];
}
const texts = (a: CardAttachment): string[] =>
  nodes(a.content.body)
    .filter((n) => n.type === 'TextBlock')
    .map((n) => String(n.text));
interface Button {
  type: string;
  title: string;
  url?: string;
  data?: CardAction;
}
const bodyButtons = (a: CardAttachment): Button[] =>
  nodes(a.content.body)
    .filter((n) => n.type === 'ActionSet')
    .flatMap((n) => n.actions as Button[]);
const cardButtons = (a: CardAttachment): Button[] => (a.content.actions as Button[] | undefined) ?? [];
const bytes = (a: CardAttachment) => Buffer.byteLength(JSON.stringify(a), 'utf8');

/** What a CommonMark renderer shows for backslash-escaped text: the characters as typed. */
const shownAs = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u200B/g, '');

const HOSTILE = '[click](https://evil.example) **bold** <at>x</at>';

describe('escaping user and knowledge-base text', () => {
  it('escapes only what Teams renders as markup: [ ] * _, and list markers at a line start', () => {
    expect(escapeMarkdown(HOSTILE)).toBe(
      '\\[click\\](https://evil.example) \\*\\*bold\\*\\* <\u200Bat>x<\u200B/at>',
    );
    expect(escapeMarkdown('service <name>, a < b')).toBe('service <\u200Bname>, a < b');
    expect(escapeMarkdown('- a\n+ b\n12. c\n# h\n> q\n~~s~~ `c` _i_ &amp; C:\\Users')).toBe(
      '\u200B- a\n\u200B+ b\n\u200B12. c\n# h\n> q\n~~s~~ `c` \\_i\\_ &amp; C:\\Users',
    );
    expect(escapeMarkdown('RDS.13 costs 5-10 + 2, -5 degrees, 1.5 GB')).toBe(
      'RDS.13 costs 5-10 + 2, -5 degrees, 1.5 GB',
    );
  });

  it('writes no backslash into text that has none of [ ] * _ (no stray backslashes on Teams mobile)', () => {
    for (const s of ['Who patches RDS? (the engine & OS) <3 #1 > 2 `x` ~y~ a < b', 'a.b-c+d!e']) {
      expect(escapeMarkdown(s)).toBe(s);
    }
    const a = renderCard(engine().respond({ text: 'who patches RDS?', conversationKey: 'escape:1' }));
    const stray = texts(a).filter((t) => /\\(?![[\]*_\\])/.test(t));
    expect(stray).toEqual([]);
  });

  it.each([
    HOSTILE,
    '- [x](javascript:alert(1))',
    '1. <script>alert(1)</script>',
    '\\*not bold\\*',
    '`code` ~~strike~~ # heading &lt;at&gt;',
    '😀 > quote __under__',
  ])('shows %j exactly as typed once a markdown renderer removes the escapes', (s) => {
    expect(shownAs(escapeMarkdown(s))).toBe(s);
  });

  it('renders a hostile question and display name inert in the "asked by" line', () => {
    const a = renderCard(answer({ question: HOSTILE }), {
      askedBy: '<at>Mallory</at>\n[x](https://evil.example)',
    });
    const line = texts(a)[0] ?? '';
    expect(line).toBe(
      'Asked by <\u200Bat>Mallory<\u200B/at> \\[x\\](https://evil.example): ' +
        '\\[click\\](https://evil.example) \\*\\*bold\\*\\* <\u200Bat>x<\u200B/at>',
    );
    expect(shownAs(line)).toBe(`Asked by <at>Mallory</at> [x](https://evil.example): ${HOSTILE}`);
    const all = texts(a).join('\n');
    expect(all).not.toMatch(/(?<!\\)\[[^\]]*\]\(https:\/\/evil/);
    expect(all).not.toContain(' **bold**');
    expect(validateAdaptiveCard(a.content)).toEqual([]);
  });

  it('escapes knowledge-base text too, keeping only its deliberate links', () => {
    const a = renderCard(
      answer({
        headline: `Headline ${HOSTILE}`,
        aws: '<at>everyone</at> & [x](https://evil.example)',
        notes: ['# not a heading', '- not a list'],
        docs: [
          { title: 'Docs [x](y)', url: 'https://example.com/a(b)' },
          { title: 'Bad scheme', url: 'javascript:alert(1)' },
        ],
        securityHub: [
          { id: 'RDS.1', title: '**t**', url: 'https://example.com/sh?a=(1)' },
          { id: 'RDS.2', title: 'no link', url: 'not a url' },
        ],
      }),
    );
    const all = texts(a).join('\n');
    expect(all).toContain('Headline \\[click\\]');
    expect(all).toContain('<\u200Bat>everyone<\u200B/at> & \\[x\\]');
    expect(all).toContain('ℹ️ # not a heading');
    expect(all).toContain('ℹ️ \u200B- not a list');
    expect(all).toContain('[RDS.1](https://example.com/sh?a=%281%29) \\*\\*t\\*\\*');
    expect(all).toContain('RDS.2 no link');
    const links = bodyButtons(a).filter((b) => b.type === 'Action.OpenUrl');
    expect(links.map((b) => [b.title, b.url])).toEqual([['📖 Docs [x](y)', 'https://example.com/a(b)']]);
    expect(validateAdaptiveCard(a.content)).toEqual([]);
  });

  it('makes only http(s) URLs into links, with ( ) and spaces encoded', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<b>')).toBeNull();
    expect(safeUrl('nonsense')).toBeNull();
    expect(safeUrl('https://example.com/a b(c)[d]')).toBe('https://example.com/a%20b%28c%29%5Bd%5D');
  });

  it('cuts long text on code points, ending in an ellipsis', () => {
    expect(cut('short', 10)).toBe('short');
    const emoji = cut('😀'.repeat(100), 21);
    expect(emoji.length).toBeLessThanOrEqual(21);
    expect(emoji).toMatch(/^(😀)+…$/u);
  });
});

describe('answers', () => {
  it('shows the owner as a coloured badge with its own emoji', () => {
    const badges = (['aws', 'customer', 'shared'] as const).map((owner) => {
      const a = renderCard(answer({ owner }));
      const first = (a.content.body as Json[])[0] as { type: string; columns: Json[] };
      expect(first.type).toBe('ColumnSet');
      const badge = first.columns[0] as { style: string; items: { text: string }[] };
      expect(badge.items[0]?.text).toContain(TEAMS_TEXT.ownerEmoji[owner]);
      expect(shownAs(badge.items[0]?.text ?? '')).toContain(OWNER_LABEL[owner]);
      return badge.style;
    });
    expect(badges).toEqual(['accent', 'warning', 'good']);
  });

  it('shows both sides, notes, the control, Security Hub ids as links and docs as buttons', () => {
    const a = renderCard(answer());
    expect(a.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(a.content.version).toBe('1.5');
    const all = texts(a).join('\n');
    expect(all).toContain(`**${TEAMS_TEXT.awsSide}**`);
    expect(all).toContain(`**${TEAMS_TEXT.yourSide}**`);
    expect(all).toContain('maintenance window & apply');
    expect(all).toContain('ℹ️ A note.');
    expect(all).toContain('**Patch management** (shared control): Both sides patch.');
    expect(all).toContain(
      '[RDS.13](https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-13) Automatic',
    );
    expect(bodyButtons(a).filter((b) => b.type === 'Action.OpenUrl')).toEqual([
      {
        type: 'Action.OpenUrl',
        title: '📖 Security in Amazon RDS',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.html',
      },
    ]);
    expect(validateAdaptiveCard(a.content)).toEqual([]);
  });

  it('makes follow-ups ask their question, and feedback buttons carry the meta and the question', () => {
    const a = renderCard(answer());
    expect(
      bodyButtons(a)
        .filter((b) => b.type === 'Action.Submit')
        .map((b) => [b.title, b.data]),
    ).toEqual([
      ['Backups on RDS', { srm: 'ask', text: 'who is responsible for backup on rds' }],
      ['EC2 patching', { srm: 'ask', text: 'who patches ec2' }],
    ]);
    expect(cardButtons(a).map((b) => [b.title, b.data])).toEqual([
      [TEAMS_TEXT.helpful, { srm: 'feedback', verdict: 'helpful', meta, question: 'who patches rds' }],
      [TEAMS_TEXT.notQuite, { srm: 'feedback', verdict: 'not_quite', meta, question: 'who patches rds' }],
    ]);
    for (const b of [...bodyButtons(a), ...cardButtons(a)].filter((x) => x.data)) {
      expect(decodeCardAction(JSON.parse(JSON.stringify(b.data)))).toEqual(b.data);
    }
  });

  it('leaves out a suggestion whose question is too long to carry, instead of cutting it', () => {
    const a = renderCard(
      answer({
        followUps: [
          { label: 'too long', text: 'q'.repeat(TEAMS_LIMITS.askText + 1) },
          { label: 'ok', text: 'who patches ec2' },
        ],
      }),
    );
    expect(bodyButtons(a).flatMap((b) => (b.data?.srm === 'ask' ? [b.data.text] : []))).toEqual([
      'who patches ec2',
    ]);
  });

  it('lays a service table out as one row per topic: topic, owner, your part', () => {
    const overview: OverviewReply = {
      kind: 'overview',
      question: 'service rds',
      meta: { ...meta, intent: 'service_overview', topic: null, owner: null, control: null },
      title: 'Amazon RDS: who is responsible for what',
      summary: 'Summary.',
      rows: [
        { topic: 'patching', topicName: 'Patching', owner: 'aws', text: 'Nothing.' },
        { topic: 'virtualization', topicName: 'Virtualization', owner: null, text: 'Not exposed.' },
      ],
      securityHub: [{ id: 'RDS.1', title: 'A control', url: 'https://example.com/1' }],
      docs: [],
      followUps: [],
    };
    const a = renderCard(overview);
    const rows = (a.content.body as Json[]).filter((n) => n.type === 'ColumnSet');
    expect(rows).toHaveLength(2);
    const row = (i: number) =>
      nodes(rows[i])
        .filter((n) => n.type === 'TextBlock')
        .map((n) => n.text);
    expect(row(0)).toEqual(['**Patching**', `${TEAMS_TEXT.ownerEmoji.aws} AWS`, 'Nothing.']);
    expect(row(1)).toEqual([
      '**Virtualization**',
      `${TEAMS_TEXT.noOwnerEmoji} ${TEAMS_TEXT.notApplicable}`,
      'Not exposed.',
    ]);
    expect(texts(a).join('\n')).toContain('[RDS.1](https://example.com/1)');
    expect(cardButtons(a).map((b) => b.title)).toEqual([TEAMS_TEXT.helpful, TEAMS_TEXT.notQuite]);
    expect(validateAdaptiveCard(a.content)).toEqual([]);
  });

  it('puts compared services side by side, one column each, three per row', () => {
    const col = (service: string, owner: 'aws' | 'shared') => ({
      service,
      name: service.toUpperCase(),
      owner,
      aws: `${service} aws`,
      customer: `${service} you`,
    });
    const reply: CompareReply = {
      kind: 'compare',
      question: 'rds vs ec2 vs lambda vs s3 patching',
      meta: { ...meta, intent: 'compare' },
      title: 'RDS vs EC2 vs LAMBDA vs S3: patching',
      topicName: 'Patching',
      columns: [col('rds', 'aws'), col('ec2', 'shared'), col('lambda', 'aws'), col('s3', 'aws')],
      docs: [],
      followUps: [],
    };
    const a = renderCard(reply);
    const sets = (a.content.body as Json[]).filter((n) => n.type === 'ColumnSet') as { columns: Json[] }[];
    expect(sets.map((s) => s.columns.length)).toEqual([3, 1]);
    const first = nodes(sets[0]?.columns[1])
      .filter((n) => n.type === 'TextBlock')
      .map((n) => n.text);
    expect(first).toEqual([
      '**EC2**',
      `${TEAMS_TEXT.ownerEmoji.shared} Shared`,
      `**${TEAMS_TEXT.awsSide}**`,
      'ec2 aws',
      `**${TEAMS_TEXT.yourSide}**`,
      'ec2 you',
    ]);
    expect(validateAdaptiveCard(a.content)).toEqual([]);
  });
});

describe('clarify, fallback and messages', () => {
  const noAnswer = { ...meta, owner: null, control: null };

  it('asks "did you mean" with one button per choice and no feedback buttons', () => {
    const reply: Reply = {
      kind: 'clarify',
      question: 'who patches rsd',
      meta: { ...noAnswer, confidence: 0.5 },
      text: 'Did you mean Patching on RDS or Patching on Redshift?',
      choices: [
        { label: 'Patching on RDS', text: 'who is responsible for patching on rds' },
        { label: 'Patching on Redshift', text: 'who is responsible for patching on redshift' },
      ],
    };
    const a = renderCard(reply);
    expect(texts(a)).toEqual([`🤔 ${reply.text}`]);
    expect(bodyButtons(a).map((b) => b.data)).toEqual([
      { srm: 'ask', text: 'who is responsible for patching on rds' },
      { srm: 'ask', text: 'who is responsible for patching on redshift' },
    ]);
    expect(cardButtons(a)).toEqual([]);
  });

  it('falls back with example buttons and no feedback buttons', () => {
    const reply: Reply = {
      kind: 'fallback',
      reason: 'out_of_scope',
      question: 'weather',
      meta: { ...noAnswer, intent: 'out_of_scope', service: null, topic: null },
      text: 'I can only answer questions about the AWS Shared Responsibility Model.',
      examples: EXAMPLES,
    };
    const a = renderCard(reply);
    expect(bodyButtons(a).map((b) => b.title)).toEqual(EXAMPLES.map((e) => e.label));
    expect(cardButtons(a)).toEqual([]);
  });

  it("shows a message as paragraphs, with the core's emoji tokens as characters", () => {
    const reply: Reply = {
      kind: 'message',
      question: 'great',
      meta: { ...noAnswer, intent: 'smalltalk', service: null, topic: null },
      text: '{thumbs_up} Glad it helped.\n\nSecond paragraph with `help`.',
      followUps: [],
    };
    const a = renderCard(reply);
    expect(texts(a)).toEqual(['👍 Glad it helped.\n\nSecond paragraph with `help`.']);
    expect(a.content.fallbackText).toBe('👍 Glad it helped. Second paragraph with `help`.');
    expect(bodyButtons(a)).toEqual([]);
    expect(cardButtons(a)).toEqual([]);
  });
});

describe('Teams limits', () => {
  const long = 'word '.repeat(3000);
  const huge = answer({
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
    docs: Array.from({ length: 80 }, (_, i) => ({ title: `Doc ${i}`, url: `https://example.com/doc/${i}` })),
    followUps: Array.from({ length: 40 }, (_, i) => ({
      label: `Label ${i} ${'x'.repeat(100)}`,
      text: `question ${i}`,
    })),
  });

  it('keeps a huge reply under the size limit, says it was shortened, and keeps every kind of button', () => {
    const a = renderCard(huge, { askedBy: 'A'.repeat(500) });
    expect(bytes(a)).toBeLessThanOrEqual(TEAMS_LIMITS.attachmentBytes);
    expect(bytes(a)).toBeLessThan(TEAMS_LIMITS.messageBytes);
    expect(validateAdaptiveCard(a.content)).toEqual([]);
    const all = texts(a).join('\n');
    expect(all).toContain(escapeMarkdown(TEAMS_TEXT.shortened));
    expect(all).toMatch(/…and \d+ more/);
    const buttons = bodyButtons(a);
    // Two links before Details on the compact card, the rest inside Details as a row and a list.
    expect(buttons.filter((b) => b.type === 'Action.OpenUrl')).toHaveLength(
      TEAMS_LIMITS.compactDocs + TEAMS_LIMITS.docButtons,
    );
    expect(buttons.filter((b) => b.data?.srm === 'ask')).toHaveLength(TEAMS_LIMITS.suggestions);
    for (const b of buttons) expect(b.title.length).toBeLessThanOrEqual(TEAMS_LIMITS.buttonTitle);
    expect(cardButtons(a)).toHaveLength(2);
  });

  it('renders the same huge reply to the same bytes every time', () => {
    expect(JSON.stringify(renderCard(huge))).toBe(JSON.stringify(renderCard(huge)));
  });

  it('cuts a table of 60 rows, saying how many were left out', () => {
    const overview: OverviewReply = {
      kind: 'overview',
      question: 'service rds',
      meta: { ...meta, intent: 'service_overview' },
      title: 'Amazon RDS: who is responsible for what',
      summary: 'Summary.',
      rows: Array.from({ length: 60 }, (_, i) => ({
        topic: 'patching' as const,
        topicName: `Topic ${i}`,
        owner: 'aws' as const,
        text: 'Row text.',
      })),
      securityHub: [],
      docs: [],
      followUps: [],
    };
    const a = renderCard(overview);
    expect(texts(a)).toContain(TEAMS_TEXT.more(20));
    expect(validateAdaptiveCard(a.content)).toEqual([]);
  });

  it('bounds the question a feedback button carries', () => {
    const a = renderCard(answer({ question: '"quoted" '.repeat(400) }));
    for (const b of cardButtons(a)) {
      const data = decodeCardAction(b.data);
      expect(data?.srm).toBe('feedback');
      if (data?.srm === 'feedback')
        expect(data.question.length).toBeLessThanOrEqual(TEAMS_LIMITS.feedbackQuestion);
    }
  });
});

describe('every reply the real engine gives is a valid card within Teams limits', () => {
  const e = engine();
  const cases: [string, Reply['kind']][] = [
    ['who patches RDS?', 'answer'],
    ['what am I responsible for with S3', 'overview'],
    ['ec2 vs rds patching', 'compare'],
    ['what are inherited controls', 'explain'],
    ['who patches rsd', 'clarify'],
    ['what is the weather in Paris', 'fallback'],
    ['help', 'message'],
    ['thanks', 'message'],
    ['model', 'explain'],
    ['controls', 'explain'],
    ['rds vs ec2 vs lambda vs s3 encryption at rest', 'compare'],
    ['', 'fallback'],
    ['x'.repeat(5000), 'fallback'],
  ];
  it.each(cases.map(([q, kind]) => [q.slice(0, 50), q, kind] as const))('%s', (_name, q, kind) => {
    const reply = e.respond({ text: q, conversationKey: `teams-render:${q}` });
    expect(reply.kind).toBe(kind);
    for (const opts of [{}, { askedBy: 'Alice Example' }]) {
      const a = renderCard(reply, opts);
      expect(validateAdaptiveCard(a.content)).toEqual([]);
      expect(bytes(a)).toBeLessThan(TEAMS_LIMITS.messageBytes);
      expect(cardButtons(a).length > 0).toBe(['answer', 'overview', 'compare', 'explain'].includes(kind));
    }
  });

  it(`renders all ${e.kb.services.length} services' tables in full, each under the size limit`, () => {
    expect(e.kb.services.length).toBe(SERVICE_FILES);
    const sizes = e.kb.services.map((s) => {
      const reply = e.respond({ text: `service ${s.name}`, conversationKey: `teams-table:${s.id}` });
      expect(reply.kind, s.id).toBe('overview');
      const a = renderCard(reply, { askedBy: 'Alice Example' });
      expect(validateAdaptiveCard(a.content), s.id).toEqual([]);
      expect(texts(a).join('\n'), s.id).not.toContain(escapeMarkdown(TEAMS_TEXT.shortened));
      if (reply.kind === 'overview') {
        expect((a.content.body as Json[]).filter((n) => n.type === 'ColumnSet')).toHaveLength(
          reply.rows.length,
        );
      }
      return bytes(a);
    });
    expect(Math.max(...sizes)).toBeLessThanOrEqual(TEAMS_LIMITS.attachmentBytes);
  });
});

describe('welcome and error cards', () => {
  it('welcomes with what the bot does, the tour and quiz Start buttons, four example questions and the commands', () => {
    const a = renderWelcomeCard(engine().welcome());
    expect(validateAdaptiveCard(a.content)).toEqual([]);
    expect(bodyButtons(a).map((b) => b.data)).toEqual(
      [{ text: 'tour' }, { text: 'quiz' }, ...EXAMPLES.slice(0, 4)].map((x) => ({
        srm: 'ask',
        text: x.text,
      })),
    );
    const all = shownAs(texts(a).join('\n'));
    for (const cmd of ['help', 'service <name>', 'model', 'controls']) expect(all).toContain(`**${cmd}**`);
    expect(all).toContain(`${SERVICE_FILES} AWS services`);
  });

  it('apologizes with the correlation id, escaped', () => {
    const a = renderError('abc-123');
    expect(validateAdaptiveCard(a.content)).toEqual([]);
    expect(texts(a)[0]).toContain('(Reference: abc-123)');
    expect(texts(renderError('[x](https://evil.example)'))[0]).toContain('\\[x\\](https://evil.example)');
  });
});

describe('decodeCardAction', () => {
  it('accepts the values the cards send, keeping only known fields', () => {
    expect(decodeCardAction({ srm: 'ask', text: ' who patches rds ', extra: 1 })).toEqual({
      srm: 'ask',
      text: 'who patches rds',
    });
    expect(
      decodeCardAction({
        srm: 'feedback',
        verdict: 'not_quite',
        meta: { ...meta, x: 1 },
        question: 'q',
        y: 2,
      }),
    ).toEqual({ srm: 'feedback', verdict: 'not_quite', meta, question: 'q' });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'who patches rds'],
    ['a JSON string', JSON.stringify({ srm: 'ask', text: 'x' })],
    ['a number', 42],
    ['an array', [{ srm: 'ask', text: 'x' }]],
    ['{}', {}],
    ['another srm', { srm: 'delete', text: 'x' }],
    ['ask without text', { srm: 'ask' }],
    ['ask with blank text', { srm: 'ask', text: '   ' }],
    ['ask with a number', { srm: 'ask', text: 5 }],
    ['ask with too long a text', { srm: 'ask', text: 'x'.repeat(TEAMS_LIMITS.askText + 1) }],
    ['feedback with a wrong verdict', { srm: 'feedback', verdict: 'meh', meta, question: 'q' }],
    ['feedback without meta', { srm: 'feedback', verdict: 'helpful', question: 'q' }],
    ['feedback without question', { srm: 'feedback', verdict: 'helpful', meta }],
    [
      'feedback with an unknown intent',
      { srm: 'feedback', verdict: 'helpful', meta: { ...meta, intent: 'x' }, question: 'q' },
    ],
    [
      'feedback with an unknown owner',
      { srm: 'feedback', verdict: 'helpful', meta: { ...meta, owner: 'me' }, question: 'q' },
    ],
    [
      'feedback with a bad service',
      { srm: 'feedback', verdict: 'helpful', meta: { ...meta, service: '<at>x' }, question: 'q' },
    ],
    [
      'feedback with confidence 2',
      { srm: 'feedback', verdict: 'helpful', meta: { ...meta, confidence: 2 }, question: 'q' },
    ],
    [
      'feedback with a missing topic',
      { srm: 'feedback', verdict: 'helpful', meta: { ...meta, topic: undefined }, question: 'q' },
    ],
  ])('rejects %s', (_name, value) => {
    expect(decodeCardAction(value)).toBeNull();
  });
});

describe('the card validator the Teams tests share', () => {
  const card = (body: unknown[], extra: Json = {}) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    ...extra,
  });
  const ok = { type: 'TextBlock', text: 'ok', wrap: true };

  it('passes a plain card', () => {
    expect(validateAdaptiveCard(card([ok]))).toEqual([]);
  });

  it.each([
    ['an unknown element', [{ type: 'Foo' }], /UnknownElementType/],
    ['an element newer than 1.5', [{ type: 'Carousel', pages: [] }], /UnknownElementType/],
    ['a bad colour', [{ ...ok, color: 'purple' }], /InvalidPropertyValue/],
    ['an empty TextBlock', [{ ...ok, text: '' }], /TextBlock without text/],
    ['an unwrapped TextBlock', [{ type: 'TextBlock', text: 'x' }], /without wrap/],
    ['a link to javascript:', [{ ...ok, text: '[x](javascript:alert(1))' }], /not a link/],
    [
      'six buttons in a row',
      [
        {
          type: 'ActionSet',
          actions: Array.from({ length: 6 }, (_, i) => ({ type: 'Action.Submit', title: `b${i}`, data: {} })),
        },
      ],
      /TooManyActions/,
    ],
    [
      'an OpenUrl without url',
      [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'x' }] }],
      /PropertyCantBeNull|Action.OpenUrl to undefined/,
    ],
  ])('flags %s', (_name, body, problem) => {
    const problems = validateAdaptiveCard(card(body));
    expect(problems.join('\n')).toMatch(problem);
  });

  it('flags a wrong version and an oversized card', () => {
    expect(validateAdaptiveCard(card([ok], { version: '1.6' }))).toContain('version is 1.6, not 1.5');
    const big = card(Array.from({ length: 300 }, () => ({ ...ok, text: 'x'.repeat(100) })));
    expect(validateAdaptiveCard(big).join('\n')).toMatch(/bytes \(max 24000/);
  });
});
