import type { types } from '@slack/bolt';
import { EXAMPLES, OWNER_LABEL, REPLY_LABELS } from '../core/answer/messages.js';
import type { Link, Reply, ReplyMeta, SecurityHubRef, Suggestion } from '../core/reply.js';
import type { Owner } from '../kb/ids.js';
import type { KnowledgeBase } from '../kb/load.js';

/**
 * Block Kit for Slack: pure functions from the core's reply to `{ text, blocks }` (Slack always gets a
 * plain `text` fallback beside the blocks, for notifications and screen readers) and the App Home view.
 * Every string that reaches Slack goes through `escapeText` and is cut to Slack's limits here, so the
 * adapter never has to think about either.
 */

export type Block = types.KnownBlock;
type Button = types.Button;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/**
 * Slack's documented Block Kit limits (docs.slack.dev reference/block-kit). Slack rejects a payload that
 * breaks one (`invalid_blocks`), so the renderer truncates instead. tests/helpers/slack/blockkit-limits.ts
 * checks every payload the tests see against the same numbers.
 */
export const BLOCK_KIT_LIMITS = Object.freeze({
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** Slack accepts 3,000 per text object; context lines are kept well below for readability. */
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  /** Slack accepts 40,000 characters of `text` but recommends 4,000; a fallback only needs a summary. */
  fallbackText: 3000,
});

/** Action ids of the buttons; numbered ones get `_<index>` (ids must be unique within a block). */
export const ACTION = Object.freeze({
  followUp: 'srm_followup',
  choice: 'srm_choice',
  helpful: 'srm_feedback_helpful',
  notQuite: 'srm_feedback_not_quite',
  share: 'srm_share',
});

/** Every user-visible sentence of the Slack app, in one place. */
export const SLACK_TEXT = Object.freeze({
  ownerEmoji: { aws: ':cloud:', customer: ':bust_in_silhouette:', shared: ':handshake:' } as Record<
    Owner,
    string
  >,
  noOwnerEmoji: ':heavy_minus_sign:',
  ...REPLY_LABELS,
  docs: 'Docs',
  helpful: 'Helpful',
  notQuite: 'Not quite',
  share: 'Share in channel',
  shortened: '… (shortened to fit in Slack)',
  askedBy: (user: string, question: string) => `<@${user}> asked: ${question}`,
  sharedBy: (user: string) => `Shared by <@${user}>`,
  thanksHelpful: 'Thanks for the feedback!',
  thanksNotQuite:
    'Thanks, noted: it helps improve the answers. Try rephrasing the question, or `/srm help` to see what I know.',
  home: {
    title: REPLY_LABELS.title,
    intro:
      'I answer questions about the AWS Shared Responsibility Model: for a service and a topic, who owns it ' +
      '(AWS, you, or both), what each side does, the IT control it falls under, and links to the AWS ' +
      'documentation and Security Hub controls.',
    where:
      'Mention me in a channel (`@srm who patches RDS?`) and I answer in a thread, send me a direct message in ' +
      'the Messages tab, or use `/srm` anywhere: only you see the answer until you share it.',
    model: 'The model at a glance',
    examples: REPLY_LABELS.examples,
    examplesHint: 'Click one and I answer in our direct messages.',
    commands: REPLY_LABELS.commands,
    commandList: [
      '`/srm <question>`: ask in your own words, for example `/srm who patches rds`',
      '`/srm service <name>`: the whole responsibility table of a service',
      '`/srm model`: the model and its layers',
      '`/srm controls`: the three kinds of IT control, with examples',
      '`/srm help` (or `/srm` alone): this help',
    ],
    services: (names: string[]) => `Services I know: ${names.join(', ')}`,
  },
});

/* ------------------------------------------------------------------------------------------------
 * Text helpers
 * --------------------------------------------------------------------------------------------- */

/**
 * Escapes Slack's three control characters so text is shown as typed: `<!channel>` in a user's message
 * becomes visible text, never a mention. Applied to every piece of user and knowledge-base text.
 */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes `raw` and cuts it so the escaped result is at most `max` characters, ending in "…" when cut.
 * Cuts on code points before escaping, so neither an entity (`&amp;`) nor a surrogate pair is split.
 */
export function fitText(raw: string, max: number): string {
  const escaped = escapeText(raw);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const ch of raw) {
    const piece = escapeText(ch);
    if (out.length + piece.length + 1 > max) break;
    out += piece;
  }
  return `${out.trimEnd()}…`;
}

/** Cuts already-escaped mrkdwn at a line boundary (never inside a link or an entity). */
export function cutMrkdwn(mrkdwn: string, max: number): string {
  if (mrkdwn.length <= max) return mrkdwn;
  const room = max - SLACK_TEXT.shortened.length - 1;
  let out = '';
  for (const line of mrkdwn.split('\n')) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > room) break;
    out = next;
  }
  // A first line longer than the room is cut inside, backing off from an open entity or link.
  if (out === '') out = cutEscaped(mrkdwn.split('\n')[0] ?? '', room);
  return out ? `${out}\n${SLACK_TEXT.shortened}` : SLACK_TEXT.shortened;
}

function cutEscaped(s: string, n: number): string {
  let cut = s.slice(0, n);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return cut.trimEnd();
}

/** A mrkdwn link; the URL's own `&` `<` `>` `|` are encoded so the link cannot break out. */
export function link(url: string, label: string, maxLabel = 200): string {
  const safeUrl = url
    .replace(/&/g, '&amp;')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\|/g, '%7C')
    .replace(/\s/g, '%20');
  return `<${safeUrl}|${fitText(label, maxLabel).replace(/\|/g, '¦')}>`;
}

/** Joins whole items (never cutting one) until the budget is spent. */
function joinWithin(items: string[], sep: string, max: number): string {
  let out = '';
  for (const item of items) {
    const next = out ? `${out}${sep}${item}` : item;
    if (next.length > max) break;
    out = next;
  }
  return out;
}

const isUserId = (id: string): boolean => /^[UW][A-Z0-9]{2,}$/.test(id);

/* ------------------------------------------------------------------------------------------------
 * Block builders
 * --------------------------------------------------------------------------------------------- */

function header(raw: string): types.HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: fitText(raw, BLOCK_KIT_LIMITS.headerText), emoji: true },
  };
}

/** A section of already-escaped mrkdwn. */
function section(mrkdwn: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cutMrkdwn(mrkdwn, BLOCK_KIT_LIMITS.sectionText) } };
}

function fieldsSection(fields: string[]): types.SectionBlock {
  return {
    type: 'section',
    fields: fields
      .slice(0, BLOCK_KIT_LIMITS.sectionFields)
      .map((f) => ({ type: 'mrkdwn' as const, text: cutMrkdwn(f, BLOCK_KIT_LIMITS.fieldText) })),
  };
}

function context(mrkdwn: string[]): types.ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .slice(0, BLOCK_KIT_LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn' as const, text: cutMrkdwn(t, BLOCK_KIT_LIMITS.contextText) })),
  };
}

function button(actionId: string, label: string, value: string, style?: 'primary' | 'danger'): Button {
  const b: Button = {
    type: 'button',
    action_id: actionId.slice(0, BLOCK_KIT_LIMITS.actionId),
    text: { type: 'plain_text', text: fitText(label, BLOCK_KIT_LIMITS.buttonText), emoji: true },
    value,
  };
  if (style) b.style = style;
  return b;
}

/**
 * One button per suggestion; clicking asks `text`. A suggestion whose text does not fit in a button value
 * is left out rather than cut, because a cut question would ask something else.
 */
function suggestionButtons(prefix: string, suggestions: Suggestion[]): Button[] {
  return suggestions
    .filter((s) => s.text.length > 0 && s.text.length <= BLOCK_KIT_LIMITS.buttonValue)
    .slice(0, BLOCK_KIT_LIMITS.actionsElements)
    .map((s, i) => button(`${prefix}_${i}`, s.label, s.text));
}

function actions(blockId: string, elements: Button[]): types.ActionsBlock[] {
  if (elements.length === 0) return [];
  return [
    { type: 'actions', block_id: blockId, elements: elements.slice(0, BLOCK_KIT_LIMITS.actionsElements) },
  ];
}

const ownerEmoji = (owner: Owner | null | undefined): string =>
  owner ? SLACK_TEXT.ownerEmoji[owner] : SLACK_TEXT.noOwnerEmoji;
const ownerLabel = (owner: Owner | null | undefined): string =>
  owner ? OWNER_LABEL[owner] : SLACK_TEXT.notApplicable;

function docsBlock(docs: Link[]): Block[] {
  if (docs.length === 0) return [];
  const links = docs.map((d) => link(d.url, d.title));
  return [
    context([`:books: *${SLACK_TEXT.docs}:* ${joinWithin(links, ' · ', BLOCK_KIT_LIMITS.contextText - 40)}`]),
  ];
}

function securityHubBlock(controls: SecurityHubRef[]): Block[] {
  if (controls.length === 0) return [];
  const lines = controls.map((c) => `• ${link(c.url, c.id, 40)} ${fitText(c.title, 300)}`);
  return [
    section(
      `:shield: *${SLACK_TEXT.securityHub}*\n${joinWithin(lines, '\n', BLOCK_KIT_LIMITS.sectionText - 40)}`,
    ),
  ];
}

/* ------------------------------------------------------------------------------------------------
 * Feedback button value
 * --------------------------------------------------------------------------------------------- */

/** What a "Helpful" / "Not quite" button carries: the reply's meta and the question, as compact JSON. */
export interface FeedbackValue {
  meta: ReplyMeta;
  question: string;
}

/** Compact JSON within the button value limit; the question is shortened if it has to be. */
export function encodeFeedback(meta: ReplyMeta, question: string): string {
  const base = JSON.stringify({ m: meta, q: '' });
  const room = BLOCK_KIT_LIMITS.buttonValue - base.length;
  let q = question.slice(0, Math.max(0, room));
  // JSON escaping can lengthen the question; shorten until it fits.
  while (q.length > 0 && JSON.stringify({ m: meta, q }).length > BLOCK_KIT_LIMITS.buttonValue)
    q = q.slice(0, -10);
  return JSON.stringify({ m: meta, q });
}

/** The inverse of `encodeFeedback`; null when the value is not one of ours. */
export function decodeFeedback(value: string | undefined): FeedbackValue | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { m, q } = parsed as { m?: unknown; q?: unknown };
    if (typeof q !== 'string' || typeof m !== 'object' || m === null) return null;
    const meta = m as Record<string, unknown>;
    if (typeof meta.intent !== 'string' || typeof meta.confidence !== 'number') return null;
    return { meta: m as ReplyMeta, question: q };
  } catch {
    return null;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Replies
 * --------------------------------------------------------------------------------------------- */

export interface RenderOptions {
  /** Ephemeral (slash-command) answers: a "Share in channel" button whose value is the question to re-ask. */
  shareQuestion?: string;
  /** Posted because someone clicked a button: shows who asked what, so a thread makes sense. */
  askedBy?: { user: string; question: string };
  /** Shared from an ephemeral answer: shows who shared it. */
  sharedBy?: string;
}

/** Replies that answered something get feedback and share buttons; clarify and fallback do not. */
function isAnswer(reply: Reply): boolean {
  return (
    reply.kind === 'answer' ||
    reply.kind === 'overview' ||
    reply.kind === 'compare' ||
    reply.kind === 'explain'
  );
}

/** Renders a reply as a Slack message: blocks within Slack's limits and a plain-text fallback. */
export function renderReply(reply: Reply, opts: RenderOptions = {}): SlackMessage {
  const lead: Block[] = [];
  if (opts.sharedBy && isUserId(opts.sharedBy)) lead.push(context([SLACK_TEXT.sharedBy(opts.sharedBy)]));
  if (opts.askedBy && isUserId(opts.askedBy.user)) {
    lead.push(context([SLACK_TEXT.askedBy(opts.askedBy.user, fitText(opts.askedBy.question, 500))]));
  }

  const { body, suggestions, suggestionPrefix, text } = renderBody(reply);

  const tail: Block[] = [...actions('srm_suggestions', suggestionButtons(suggestionPrefix, suggestions))];
  const extra: Button[] = [];
  if (isAnswer(reply)) {
    const value = encodeFeedback(reply.meta, reply.question);
    extra.push(button(ACTION.helpful, `:thumbsup: ${SLACK_TEXT.helpful}`, value));
    extra.push(button(ACTION.notQuite, `:thumbsdown: ${SLACK_TEXT.notQuite}`, value));
    if (opts.shareQuestion && opts.shareQuestion.length <= BLOCK_KIT_LIMITS.buttonValue) {
      extra.push(button(ACTION.share, SLACK_TEXT.share, opts.shareQuestion, 'primary'));
    }
  }
  tail.push(...actions('srm_feedback', extra));

  return {
    text: fitText(text, BLOCK_KIT_LIMITS.fallbackText),
    blocks: capBlocks([...lead, ...body], tail, BLOCK_KIT_LIMITS.messageBlocks),
  };
}

interface Body {
  body: Block[];
  suggestions: Suggestion[];
  suggestionPrefix: string;
  /** Raw (unescaped) fallback text. */
  text: string;
}

function renderBody(reply: Reply): Body {
  const followUp = ACTION.followUp;
  switch (reply.kind) {
    case 'answer': {
      const body: Block[] = [
        header(`${SLACK_TEXT.ownerEmoji[reply.owner]} ${OWNER_LABEL[reply.owner]} · ${reply.title}`),
        section(`*${fitText(reply.headline, 1000)}*`),
        section(`:cloud: *${SLACK_TEXT.awsSide}*\n${fitText(reply.aws, 2800)}`),
        section(`:bust_in_silhouette: *${SLACK_TEXT.yourSide}*\n${fitText(reply.customer, 2800)}`),
      ];
      if (reply.notes.length)
        body.push(context(reply.notes.map((n) => `:information_source: ${fitText(n, 1000)}`)));
      if (reply.area) {
        const a = reply.area;
        body.push(
          section(
            `${SLACK_TEXT.ownerEmoji[a.owner]} *${fitText(REPLY_LABELS.area(a.name, a.owner), 300)}*\n` +
              `*${SLACK_TEXT.awsSide}:* ${fitText(a.aws, 1200)}\n*${SLACK_TEXT.yourSide}:* ${fitText(a.customer, 1200)}`,
          ),
        );
      }
      if (reply.controls.length) {
        const lines = reply.controls.map(
          (c) =>
            `• *${fitText(c.name, 200)}* (${SLACK_TEXT.controlKind(c.kind)}): ${fitText(c.summary, 800)}`,
        );
        body.push(section(`:clipboard: *${SLACK_TEXT.control}*\n${joinWithin(lines, '\n', 2900)}`));
      }
      body.push(...securityHubBlock(reply.securityHub), ...docsBlock(reply.docs));
      return {
        body,
        suggestions: reply.followUps,
        suggestionPrefix: followUp,
        text: `${OWNER_LABEL[reply.owner]}: ${reply.headline}`,
      };
    }
    case 'overview': {
      const body: Block[] = [header(reply.title), section(fitText(reply.summary, 2900))];
      const rows = reply.rows.map(
        (r) =>
          `${ownerEmoji(r.owner)} *${fitText(r.topicName, 200)}* · ${ownerLabel(r.owner)}\n${fitText(r.text, 2500)}`,
      );
      // One section per row reads best; a table too long for that is packed into fewer sections, so no
      // row is lost to the block limit (12 blocks are kept for the header, links and buttons).
      if (rows.length <= BLOCK_KIT_LIMITS.messageBlocks - 12) body.push(...rows.map(section));
      else body.push(...pack(rows, BLOCK_KIT_LIMITS.sectionText).map(section));
      body.push(...securityHubBlock(reply.securityHub), ...docsBlock(reply.docs));
      return { body, suggestions: reply.followUps, suggestionPrefix: followUp, text: reply.title };
    }
    case 'compare': {
      const body: Block[] = [header(reply.title)];
      for (let i = 0; i < reply.columns.length; i += 2) {
        const pair = reply.columns.slice(i, i + 2);
        const heads = pair.map(
          (c) => `${ownerEmoji(c.owner)} *${fitText(c.name, 200)}*: ${ownerLabel(c.owner)}`,
        );
        const aws = pair.map((c) => `*${SLACK_TEXT.awsSide}*\n${fitText(c.aws, 1700)}`);
        const you = pair.map((c) => `*${SLACK_TEXT.yourSide}*\n${fitText(c.customer, 1700)}`);
        if (pair.length === 2) {
          // Fields fill left to right, two per row: the two services side by side.
          body.push(fieldsSection(heads), fieldsSection(aws), fieldsSection(you));
        } else {
          body.push(section(`${heads[0]}\n${aws[0]}\n${you[0]}`));
        }
      }
      body.push(...docsBlock(reply.docs));
      return { body, suggestions: reply.followUps, suggestionPrefix: followUp, text: reply.title };
    }
    case 'explain': {
      const body: Block[] = [header(reply.title), section(fitText(reply.summary, 2900))];
      for (const s of reply.sections) {
        const emoji = s.owner ? `${SLACK_TEXT.ownerEmoji[s.owner]} ` : '';
        body.push(section(`${emoji}*${fitText(s.heading, 200)}*\n${fitText(s.text, 2700)}`));
      }
      body.push(...docsBlock(reply.docs));
      return {
        body,
        suggestions: reply.followUps,
        suggestionPrefix: followUp,
        text: `${reply.title}: ${reply.summary}`,
      };
    }
    case 'clarify':
      return {
        body: [section(`:thinking_face: ${fitText(reply.text, 2900)}`)],
        suggestions: reply.choices,
        suggestionPrefix: ACTION.choice,
        text: reply.text,
      };
    case 'fallback':
      return {
        body: [section(fitText(reply.text, 2900))],
        suggestions: reply.examples,
        suggestionPrefix: followUp,
        text: reply.text,
      };
    case 'message':
      return {
        body: [section(fitText(reply.text, 2900))],
        suggestions: reply.followUps,
        suggestionPrefix: followUp,
        text: reply.text,
      };
  }
}

/** Packs lines into as few chunks of at most `max` characters as possible (lines longer are cut). */
function pack(lines: string[], max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of lines) {
    if (cur && cur.length + 2 + line.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n\n${line}` : line;
  }
  if (cur) out.push(cur);
  return out;
}

/** Keeps the buttons (tail) and as much content as fits under the block limit, saying when it cut. */
function capBlocks(content: Block[], tail: Block[], max: number): Block[] {
  if (content.length + tail.length <= max) return [...content, ...tail];
  const room = Math.max(0, max - tail.length - 1);
  return [...content.slice(0, room), context([SLACK_TEXT.shortened]), ...tail];
}

/* ------------------------------------------------------------------------------------------------
 * App Home
 * --------------------------------------------------------------------------------------------- */

/** The App Home tab: what the bot does, the model at a glance, example questions, the commands. */
export function renderHome(kb: Pick<KnowledgeBase, 'model' | 'services'>): types.HomeView {
  const h = SLACK_TEXT.home;
  const m = kb.model;
  const blocks: Block[] = [
    header(h.title),
    section(fitText(h.intro, 2900)),
    section(fitText(h.where, 2900)),
    { type: 'divider' },
    header(h.model),
    section(fitText(m.summary, 2900)),
    fieldsSection([
      `${SLACK_TEXT.ownerEmoji.aws} *${fitText(m.ofTheCloud.title, 200)}*\n${fitText(m.ofTheCloud.summary, 1700)}`,
      `${SLACK_TEXT.ownerEmoji.customer} *${fitText(m.inTheCloud.title, 200)}*\n${fitText(m.inTheCloud.summary, 1700)}`,
    ]),
    { type: 'divider' },
    header(h.examples),
    context([fitText(h.examplesHint, 500)]),
    ...actions('srm_examples', suggestionButtons(ACTION.followUp, EXAMPLES)),
    { type: 'divider' },
    header(h.commands),
    section(h.commandList.map((c) => `• ${escapeText(c)}`).join('\n')),
  ];
  if (kb.services.length) {
    blocks.push(context([fitText(h.services(kb.services.map((s) => s.name)), BLOCK_KIT_LIMITS.contextText)]));
  }
  return { type: 'home', blocks: capBlocks(blocks, [], BLOCK_KIT_LIMITS.homeBlocks) };
}
