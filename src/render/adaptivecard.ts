import { EXAMPLES, OWNER_LABEL, REPLY_LABELS } from '../core/answer/messages.js';
import type {
  AnswerReply,
  CompareReply,
  ExplainReply,
  Link,
  OverviewReply,
  Reply,
  ReplyMeta,
  SecurityHubRef,
  Suggestion,
} from '../core/reply.js';
import { CONTROLS, INTENTS, OWNERS, type Owner, TOPICS } from '../kb/ids.js';
import type { KnowledgeBase } from '../kb/load.js';

/**
 * Adaptive Cards for Microsoft Teams: pure functions from the core's reply to a card attachment, the
 * Teams counterpart of blockkit.ts. Every string that reaches a TextBlock goes through `md` (markdown
 * escaped, so user or knowledge-base text can never become a link, emphasis or a mention); the only
 * markup in a card is what this file writes on purpose (bold labels and Security Hub / docs links).
 * Cards are cut here to Teams' size limit, so the adapter never has to think about either.
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** The schema version Teams renders on desktop and web (issue 5). */
export const ADAPTIVE_CARD_VERSION = '1.5';

/**
 * Teams' limits and the renderer's own caps. tests/render/adaptivecard.test.ts renders every real reply
 * (all services' tables included) and synthetic huge ones against them, and tests/helpers/teams/
 * adaptive-card-validate.ts checks each card with the adaptivecards parser.
 */
export const TEAMS_LIMITS = Object.freeze({
  /** Teams rejects a bot message over about 28 KB ("MessageSizeTooBig"), counting the whole activity. */
  messageBytes: 28_000,
  /** What one card attachment may use: the activity around it (from, recipient, conversation,
   * serviceUrl, replyToId, channelData) takes 1 to 2 KB, so 4 KB are kept back. */
  attachmentBytes: 24_000,
  /** Buttons per ActionSet (and in the card's own actions). Teams shows up to 6 in a row; the
   * adaptivecards library's default host config flags more than 5, so 5 passes both. */
  actionsPerSet: 5,
  /** Suggestion buttons (follow-ups, did-you-mean choices, examples): one ActionSet. */
  suggestions: 5,
  /** Documentation buttons; further links are listed as text below them. */
  docButtons: 5,
  /** Teams cuts long button titles with an ellipsis anyway; a short title keeps the row readable. */
  buttonTitle: 60,
  /** A suggestion's question travels in the button's data and is asked as-is when clicked: a longer
   * one is left out rather than cut (a cut question would ask something else). */
  askText: 500,
  /** The question carried by a feedback button is only recorded; longer ones are shortened. */
  feedbackQuestion: 500,
  askedByName: 100,
  askedByQuestion: 300,
  title: 200,
  /** Plain-text `fallbackText` of the card, for clients that cannot render it. */
  fallbackText: 300,
  /** Compared services per ColumnSet row: three columns still read in a Teams chat at full width. */
  compareColumns: 3,
});

/**
 * Tried in order until the card fits `attachmentBytes`: the longest text of one block, and how many
 * items a list keeps (table rows, sections, notes, controls, Security Hub ids, extra doc links). Real
 * replies fit at the first level (the largest service table is about a third of the budget); the others
 * keep huge synthetic replies within the limit (tests/render/adaptivecard.test.ts "keeps a huge reply").
 */
const FIT_LEVELS: readonly { text: number; items: number }[] = [
  { text: 4000, items: 40 },
  { text: 1500, items: 20 },
  { text: 600, items: 10 },
  { text: 250, items: 5 },
];

/** Every user-visible sentence of the Teams cards, in one place. */
export const TEAMS_TEXT = Object.freeze({
  ownerEmoji: { aws: '☁️', customer: '👤', shared: '🤝' } as Record<Owner, string>,
  noOwnerEmoji: '➖',
  ...REPLY_LABELS,
  moreDocs: 'More documentation',
  alsoAsk: 'You could also ask',
  helpful: '👍 Helpful',
  notQuite: '👎 Not quite',
  more: (n: number) => `…and ${n} more`,
  shortened: '… (shortened to fit in Teams: ask about one topic for the whole text)',
  askedBy: (name: string, question: string) => `Asked by ${name}: ${question}`,
  welcome: {
    title: REPLY_LABELS.title,
    intro: (modelName: string, services: number) =>
      `I answer questions about the ${modelName}: for ${services} AWS services and each topic, who owns it ` +
      '(AWS, you, or both), what each side does, the IT control it falls under, and links to the AWS ' +
      'documentation and Security Hub controls.',
    where: 'Mention me in a channel (@srm who patches RDS?) or chat with me one to one.',
    examples: REPLY_LABELS.examples,
    commands: REPLY_LABELS.commands,
    commandList: [
      ['help', 'what I can do'],
      ['service <name>', 'the whole responsibility table of a service'],
      ['model', 'the model and its layers'],
      ['controls', 'the three kinds of IT control, with examples'],
    ] as const,
  },
  /** Slack emoji codes the core's sentences use, as the characters Teams shows. */
  emoji: { ':+1:': '👍' } as Record<string, string>,
});

/* ------------------------------------------------------------------------------------------------
 * Card JSON types (the subset of Adaptive Cards 1.5 this renderer writes)
 * --------------------------------------------------------------------------------------------- */

type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large';
type TextColor = 'default' | 'accent' | 'good' | 'warning' | 'attention';
type ContainerStyle = 'default' | 'emphasis' | 'accent' | 'good' | 'warning' | 'attention';

interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'bolder';
  size?: 'small' | 'medium' | 'large';
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
}
interface Column {
  type: 'Column';
  width: 'auto' | 'stretch' | number;
  items: CardElement[];
  style?: ContainerStyle;
  verticalContentAlignment?: 'center';
}
interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: Spacing;
  separator?: boolean;
}
interface Container {
  type: 'Container';
  items: CardElement[];
  spacing?: Spacing;
  separator?: boolean;
}
interface ActionSet {
  type: 'ActionSet';
  actions: CardButton[];
  spacing?: Spacing;
}
type CardElement = TextBlock | ColumnSet | Container | ActionSet;

interface SubmitButton {
  type: 'Action.Submit';
  title: string;
  data: CardAction;
}
interface OpenUrlButton {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}
type CardButton = SubmitButton | OpenUrlButton;

/** A type alias (not an interface) so it is assignable to `Record<string, unknown>`. */
type AdaptiveCardJson = {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  actions?: CardButton[];
  fallbackText?: string;
  msteams: { width: 'Full' };
};

/* ------------------------------------------------------------------------------------------------
 * The contract with the Teams adapter
 * --------------------------------------------------------------------------------------------- */

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

/** Card action values (Action.Submit `data`), posted back as a message activity's `value`. */
export type CardAction =
  | { srm: 'ask'; text: string }
  | { srm: 'feedback'; verdict: 'helpful' | 'not_quite'; meta: ReplyMeta; question: string };

export interface CardRenderOptions {
  /** Display name of whoever clicked the button that asked: shown as "Asked by X: question". */
  askedBy?: string;
}

/* ------------------------------------------------------------------------------------------------
 * Text helpers
 * --------------------------------------------------------------------------------------------- */

/**
 * Escapes the markdown subset TextBlocks render, so text shows as typed: a backslash before every
 * character that could start a link, emphasis, code, quote or strike, before `<` `>` (no `<at>`
 * mention survives), and before a list marker or heading mark at the start of a line. Parentheses and
 * `&` stay as they are: without an escaped `[` they cannot form a link, and clients that ignore the
 * backslash would show it in every answer.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\*_[\]`>~<]/g, '\\$&')
    .replace(/^(\s*)([-+#])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** Cuts on code points so neither a surrogate pair nor anything else is split; ends in "…" when cut. */
export function cut(raw: string, max: number): string {
  if (raw.length <= max) return raw;
  let out = '';
  for (const ch of raw) {
    if (out.length + ch.length + 1 > max) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** Knowledge-base or user text as safe TextBlock markdown: cut, escaped, one paragraph per line. */
function md(raw: string, max: number): string {
  return cut(raw.replace(/\r\n?/g, '\n'), max)
    .split(/\n+/)
    .map((line) => escapeMarkdown(line.trim()))
    .filter((line) => line.length > 0)
    .join('\n\n');
}

/** One line of user text (a name, a question): whitespace collapsed, cut, escaped. */
function mdLine(raw: string, max: number): string {
  return escapeMarkdown(cut(raw.replace(/\s+/g, ' ').trim(), max));
}

/** Plain text for button titles and fallbackText (not markdown): one line, cut. */
function plain(raw: string, max: number): string {
  return cut(raw.replace(/\s+/g, ' ').trim(), max);
}

/** An http(s) URL, normalized, for Action.OpenUrl; null for any other scheme or a malformed URL. */
export function httpUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}

/**
 * An http(s) URL safe inside a markdown link destination, or null: the characters that could end the
 * destination or start a code span are percent-encoded.
 */
export function safeUrl(raw: string): string | null {
  return (
    httpUrl(raw)?.replace(
      /[()[\]<>\s\\`]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    ) ?? null
  );
}

/** A deliberate markdown link: the label escaped, the URL made safe; plain label if the URL is not. */
function mdLink(label: string, url: string, maxLabel = 200): string {
  const safe = safeUrl(url);
  const shown = mdLine(label, maxLabel);
  return safe ? `[${shown}](${safe})` : shown;
}

const utf8 = new TextEncoder();
/** Serialized size in bytes, as the Bot Framework connector sends it (JSON in UTF-8). */
export function attachmentBytes(attachment: CardAttachment): number {
  return utf8.encode(JSON.stringify(attachment)).length;
}

/* ------------------------------------------------------------------------------------------------
 * Element builders
 * --------------------------------------------------------------------------------------------- */

function text(markdown: string, extra: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: markdown, wrap: true, ...extra };
}

/** A bold label written by this file (static text, still escaped) with an optional emoji. */
function heading(
  label: string,
  emoji = '',
  extra: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {},
): TextBlock {
  return text(`${emoji ? `${emoji} ` : ''}**${escapeMarkdown(label)}**`, { spacing: 'medium', ...extra });
}

const OWNER_STYLE: Record<Owner, ContainerStyle> = { aws: 'accent', customer: 'warning', shared: 'good' };
const OWNER_COLOR: Record<Owner, TextColor> = { aws: 'accent', customer: 'warning', shared: 'good' };

const ownerEmoji = (owner: Owner | null | undefined): string =>
  owner ? TEAMS_TEXT.ownerEmoji[owner] : TEAMS_TEXT.noOwnerEmoji;
const ownerLabel = (owner: Owner | null | undefined): string =>
  owner ? OWNER_LABEL[owner] : TEAMS_TEXT.notApplicable;

/** The owner as a coloured text (emoji + label) for tables and columns. */
function ownerText(owner: Owner | null, extra: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  const label = `${ownerEmoji(owner)} ${escapeMarkdown(ownerLabel(owner))}`;
  return owner
    ? text(label, { weight: 'bolder', color: OWNER_COLOR[owner], ...extra })
    : text(label, { isSubtle: true, ...extra });
}

/** The owner badge beside the title: a coloured column (Container style) holding the owner label. */
function ownerBadgeRow(owner: Owner, title: string): ColumnSet {
  return {
    type: 'ColumnSet',
    columns: [
      {
        type: 'Column',
        width: 'auto',
        style: OWNER_STYLE[owner],
        verticalContentAlignment: 'center',
        items: [text(`${ownerEmoji(owner)} ${escapeMarkdown(OWNER_LABEL[owner])}`, { weight: 'bolder' })],
      },
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'center',
        items: [text(mdLine(title, TEAMS_LIMITS.title), { weight: 'bolder', size: 'medium' })],
      },
    ],
  };
}

function title(raw: string): TextBlock {
  return text(mdLine(raw, TEAMS_LIMITS.title), { weight: 'bolder', size: 'medium' });
}

function askButton(s: Suggestion): SubmitButton {
  return {
    type: 'Action.Submit',
    title: plain(s.label, TEAMS_LIMITS.buttonTitle),
    data: { srm: 'ask', text: s.text },
  };
}

/** One ActionSet of suggestions; one whose question is empty or too long to carry is left out. */
function suggestionSet(suggestions: Suggestion[], lead?: string): CardElement[] {
  const buttons = suggestions
    .filter((s) => s.text.trim().length > 0 && s.text.length <= TEAMS_LIMITS.askText && s.label.trim())
    .slice(0, Math.min(TEAMS_LIMITS.suggestions, TEAMS_LIMITS.actionsPerSet))
    .map(askButton);
  if (buttons.length === 0) return [];
  const out: CardElement[] = [];
  if (lead) out.push(text(escapeMarkdown(lead), { isSubtle: true, spacing: 'medium' }));
  out.push({ type: 'ActionSet', actions: buttons, spacing: lead ? 'small' : 'medium' });
  return out;
}

/** Documentation as Action.OpenUrl buttons; links beyond the button row are listed as text. */
function docsElements(docs: Link[], items: number): CardElement[] {
  const usable = docs.filter((d) => httpUrl(d.url) !== null);
  const buttons: OpenUrlButton[] = usable
    .slice(0, Math.min(TEAMS_LIMITS.docButtons, TEAMS_LIMITS.actionsPerSet))
    .map((d) => ({
      type: 'Action.OpenUrl',
      title: plain(`📖 ${d.title}`, TEAMS_LIMITS.buttonTitle),
      url: httpUrl(d.url) ?? '',
    }));
  if (buttons.length === 0) return [];
  const out: CardElement[] = [{ type: 'ActionSet', actions: buttons, spacing: 'medium' }];
  const rest = usable.slice(buttons.length);
  if (rest.length) {
    const shown = rest.slice(0, items).map((d) => mdLink(d.title, d.url));
    const more =
      rest.length > shown.length ? ` ${escapeMarkdown(TEAMS_TEXT.more(rest.length - shown.length))}` : '';
    out.push(
      text(`**${escapeMarkdown(TEAMS_TEXT.moreDocs)}:** ${shown.join(' · ')}${more}`, {
        isSubtle: true,
        spacing: 'small',
      }),
    );
  }
  return out;
}

/** "…and N more" when a list was cut. */
function moreLine(total: number, shown: number): TextBlock[] {
  return total > shown ? [text(escapeMarkdown(TEAMS_TEXT.more(total - shown)), { isSubtle: true })] : [];
}

function securityHubList(refs: SecurityHubRef[], items: number, textMax: number): CardElement[] {
  if (refs.length === 0) return [];
  const shown = refs.slice(0, items);
  return [
    heading(TEAMS_TEXT.securityHub, '🛡️'),
    ...shown.map((c, i) =>
      text(`${mdLink(c.id, c.url, 40)} ${mdLine(c.title, Math.min(300, textMax))}`, {
        spacing: i === 0 ? 'small' : 'none',
      }),
    ),
    ...moreLine(refs.length, shown.length),
  ];
}

/** Security Hub ids on one line, for the service table (the titles would double its length). */
function securityHubLine(refs: SecurityHubRef[], items: number): CardElement[] {
  if (refs.length === 0) return [];
  const shown = refs.slice(0, items).map((c) => mdLink(c.id, c.url, 40));
  const more =
    refs.length > shown.length ? ` ${escapeMarkdown(TEAMS_TEXT.more(refs.length - shown.length))}` : '';
  return [
    text(`🛡️ **${escapeMarkdown(TEAMS_TEXT.securityHub)}:** ${shown.join(' · ')}${more}`, {
      spacing: 'medium',
    }),
  ];
}

/* ------------------------------------------------------------------------------------------------
 * Replies
 * --------------------------------------------------------------------------------------------- */

/** Replies that answered something get Helpful / Not quite buttons; clarify and fallback do not. */
function isAnswer(reply: Reply): reply is AnswerReply | OverviewReply | CompareReply | ExplainReply {
  return (
    reply.kind === 'answer' ||
    reply.kind === 'overview' ||
    reply.kind === 'compare' ||
    reply.kind === 'explain'
  );
}

function feedbackButtons(reply: Reply): SubmitButton[] {
  const question = cut(reply.question, TEAMS_LIMITS.feedbackQuestion);
  const meta: ReplyMeta = { ...reply.meta };
  return [
    {
      type: 'Action.Submit',
      title: TEAMS_TEXT.helpful,
      data: { srm: 'feedback', verdict: 'helpful', meta, question },
    },
    {
      type: 'Action.Submit',
      title: TEAMS_TEXT.notQuite,
      data: { srm: 'feedback', verdict: 'not_quite', meta, question },
    },
  ];
}

function askedByLine(opts: CardRenderOptions, question: string): TextBlock[] {
  const name = opts.askedBy?.replace(/\s+/g, ' ').trim();
  if (!name) return [];
  return [
    text(
      TEAMS_TEXT.askedBy(
        mdLine(name, TEAMS_LIMITS.askedByName),
        mdLine(question, TEAMS_LIMITS.askedByQuestion),
      ),
      { isSubtle: true, size: 'small' },
    ),
  ];
}

/** Core sentences carry a few Slack emoji codes; Teams shows the characters. */
function teamsEmoji(s: string): string {
  return s.replace(/:\+1:/g, (code) => TEAMS_TEXT.emoji[code] ?? code);
}

interface Budget {
  text: number;
  items: number;
}

/** Body, suggestions and the plain-text summary of one reply, at one level of detail. */
function renderBody(
  reply: Reply,
  b: Budget,
): { body: CardElement[]; suggestions: CardElement[]; summary: string } {
  switch (reply.kind) {
    case 'answer': {
      const body: CardElement[] = [
        ownerBadgeRow(reply.owner, reply.title),
        text(md(reply.headline, Math.min(b.text, 1000)), { weight: 'bolder', spacing: 'medium' }),
        heading(TEAMS_TEXT.awsSide, TEAMS_TEXT.ownerEmoji.aws),
        text(md(reply.aws, b.text), { spacing: 'small' }),
        heading(TEAMS_TEXT.yourSide, TEAMS_TEXT.ownerEmoji.customer),
        text(md(reply.customer, b.text), { spacing: 'small' }),
      ];
      const notes = reply.notes.slice(0, b.items);
      body.push(...notes.map((n) => text(`ℹ️ ${md(n, b.text)}`, { isSubtle: true, spacing: 'medium' })));
      body.push(...moreLine(reply.notes.length, notes.length));
      if (reply.area) {
        const a = reply.area;
        body.push(
          heading(REPLY_LABELS.area(a.name, a.owner), TEAMS_TEXT.ownerEmoji[a.owner]),
          text(`**${escapeMarkdown(TEAMS_TEXT.awsSide)}:** ${md(a.aws, Math.min(b.text, 1200))}`, {
            spacing: 'small',
          }),
          text(`**${escapeMarkdown(TEAMS_TEXT.yourSide)}:** ${md(a.customer, Math.min(b.text, 1200))}`, {
            spacing: 'none',
          }),
        );
      }
      if (reply.controls.length) {
        const controls = reply.controls.slice(0, b.items);
        body.push(heading(TEAMS_TEXT.control, '📋'));
        body.push(
          ...controls.map((c, i) =>
            text(
              `**${mdLine(c.name, 200)}** (${escapeMarkdown(TEAMS_TEXT.controlKind(c.kind))}): ${md(c.summary, Math.min(b.text, 800))}`,
              { spacing: i === 0 ? 'small' : 'none' },
            ),
          ),
          ...moreLine(reply.controls.length, controls.length),
        );
      }
      body.push(...securityHubList(reply.securityHub, b.items, b.text), ...docsElements(reply.docs, b.items));
      return {
        body,
        suggestions: suggestionSet(reply.followUps, TEAMS_TEXT.alsoAsk),
        summary: `${OWNER_LABEL[reply.owner]}: ${reply.headline}`,
      };
    }
    case 'overview': {
      const body: CardElement[] = [title(reply.title), text(md(reply.summary, b.text))];
      const rows = reply.rows.slice(0, Math.max(b.items, 1));
      for (const r of rows) {
        body.push({
          type: 'ColumnSet',
          separator: true,
          spacing: 'small',
          columns: [
            {
              type: 'Column',
              width: 2,
              items: [
                text(`**${mdLine(r.topicName, 200)}**`),
                ownerText(r.owner, { spacing: 'none', size: 'small' }),
              ],
            },
            { type: 'Column', width: 5, items: [text(md(r.text, b.text))] },
          ],
        });
      }
      body.push(...moreLine(reply.rows.length, rows.length));
      body.push(...securityHubLine(reply.securityHub, b.items), ...docsElements(reply.docs, b.items));
      return {
        body,
        suggestions: suggestionSet(reply.followUps, TEAMS_TEXT.alsoAsk),
        summary: reply.title,
      };
    }
    case 'compare': {
      const body: CardElement[] = [title(reply.title)];
      const columns = reply.columns.slice(0, b.items);
      for (let i = 0; i < columns.length; i += TEAMS_LIMITS.compareColumns) {
        body.push({
          type: 'ColumnSet',
          spacing: 'medium',
          separator: i > 0,
          columns: columns.slice(i, i + TEAMS_LIMITS.compareColumns).map(
            (c): Column => ({
              type: 'Column',
              width: 'stretch',
              items: [
                text(`**${mdLine(c.name, 200)}**`),
                ownerText(c.owner, { spacing: 'none' }),
                heading(TEAMS_TEXT.awsSide, '', { size: 'small' }),
                text(md(c.aws, b.text), { spacing: 'none' }),
                heading(TEAMS_TEXT.yourSide, '', { size: 'small' }),
                text(md(c.customer, b.text), { spacing: 'none' }),
              ],
            }),
          ),
        });
      }
      body.push(...moreLine(reply.columns.length, columns.length), ...docsElements(reply.docs, b.items));
      return {
        body,
        suggestions: suggestionSet(reply.followUps, TEAMS_TEXT.alsoAsk),
        summary: reply.title,
      };
    }
    case 'explain': {
      const body: CardElement[] = [title(reply.title), text(md(reply.summary, b.text))];
      const sections = reply.sections.slice(0, b.items);
      for (const s of sections) {
        body.push(heading(cut(s.heading, 200), s.owner ? TEAMS_TEXT.ownerEmoji[s.owner] : ''));
        body.push(text(md(s.text, b.text), { spacing: 'small' }));
      }
      body.push(...moreLine(reply.sections.length, sections.length), ...docsElements(reply.docs, b.items));
      return {
        body,
        suggestions: suggestionSet(reply.followUps, TEAMS_TEXT.alsoAsk),
        summary: `${reply.title}: ${reply.summary}`,
      };
    }
    case 'clarify':
      return {
        body: [text(`🤔 ${md(reply.text, b.text)}`)],
        suggestions: suggestionSet(reply.choices),
        summary: reply.text,
      };
    case 'fallback':
      return {
        body: [text(md(reply.text, b.text))],
        suggestions: suggestionSet(reply.examples),
        summary: reply.text,
      };
    case 'message':
      return {
        body: [text(md(teamsEmoji(reply.text), b.text))],
        suggestions: suggestionSet(reply.followUps),
        summary: teamsEmoji(reply.text),
      };
  }
}

function card(body: CardElement[], actions: CardButton[], summary: string): AdaptiveCardJson {
  const c: AdaptiveCardJson = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body,
    fallbackText: plain(summary, TEAMS_LIMITS.fallbackText),
    msteams: { width: 'Full' },
  };
  if (actions.length) c.actions = actions.slice(0, TEAMS_LIMITS.actionsPerSet);
  return c;
}

function attach(content: AdaptiveCardJson): CardAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/**
 * Renders a reply as an Adaptive Card attachment within Teams' size limit. A reply too large at full
 * detail is rendered again with shorter texts and lists, and says so; the buttons always stay.
 */
export function renderCard(reply: Reply, opts: CardRenderOptions = {}): CardAttachment {
  const lead = askedByLine(opts, reply.question);
  const actions = isAnswer(reply) ? feedbackButtons(reply) : [];
  for (const [level, budget] of FIT_LEVELS.entries()) {
    const { body, suggestions, summary } = renderBody(reply, budget);
    const note =
      level > 0 ? [text(escapeMarkdown(TEAMS_TEXT.shortened), { isSubtle: true, size: 'small' })] : [];
    const attachment = attach(card([...lead, ...body, ...note, ...suggestions], actions, summary));
    if (attachmentBytes(attachment) <= TEAMS_LIMITS.attachmentBytes) return attachment;
  }
  // Unreachable with the knowledge base's own limits; a bounded card rather than a rejected message.
  const { suggestions, summary } = renderBody(reply, { text: 0, items: 0 });
  return attach(
    card(
      [
        ...lead,
        text(mdLine(summary, 500)),
        text(escapeMarkdown(TEAMS_TEXT.shortened), { isSubtle: true }),
        ...suggestions,
      ],
      actions,
      summary,
    ),
  );
}

/** Shown when the bot is added to a team or chat: what it does, example questions, the commands. */
export function renderWelcomeCard(kb: Pick<KnowledgeBase, 'model' | 'services'>): CardAttachment {
  const w = TEAMS_TEXT.welcome;
  const body: CardElement[] = [
    text(escapeMarkdown(w.title), { weight: 'bolder', size: 'large' }),
    text(md(w.intro(kb.model.name, kb.services.length), 1000)),
    text(md(w.where, 500), { isSubtle: true }),
    heading(w.examples, '💬'),
    ...suggestionSet(EXAMPLES.slice(0, 4)),
    heading(w.commands, '⌨️'),
    ...w.commandList.map(([cmd, what], i) =>
      text(`**${escapeMarkdown(cmd)}**: ${escapeMarkdown(what)}`, { spacing: i === 0 ? 'small' : 'none' }),
    ),
  ];
  return attach(card(body, [], `${w.title}. ${w.where}`));
}

/** The one fixed, friendly sentence a user sees when answering failed, with the id to quote. */
export function renderError(correlationId: string): CardAttachment {
  const sentence = TEAMS_TEXT.apology(plain(correlationId, 100));
  return attach(card([text(`⚠️ ${escapeMarkdown(sentence)}`)], [], sentence));
}

/* ------------------------------------------------------------------------------------------------
 * Card actions posted back
 * --------------------------------------------------------------------------------------------- */

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);
const SERVICE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function decodeMeta(v: unknown): ReplyMeta | null {
  if (!isRecord(v)) return null;
  const { intent, service, topic, owner, control, confidence } = v;
  if (!oneOf(INTENTS, intent)) return null;
  if (service !== null && !(typeof service === 'string' && service.length <= 64 && SERVICE_ID.test(service)))
    return null;
  if (topic !== null && !oneOf(TOPICS, topic)) return null;
  if (owner !== null && !oneOf(OWNERS, owner)) return null;
  if (control !== null && !oneOf(CONTROLS, control)) return null;
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1)
    return null;
  return { intent, service, topic, owner, control, confidence };
}

/**
 * Validates an Action.Submit value posted back by Teams (anyone can post any value to the bot) and
 * returns a fresh object with only the known fields; null when it is not one of this renderer's.
 */
export function decodeCardAction(value: unknown): CardAction | null {
  if (!isRecord(value)) return null;
  if (value.srm === 'ask') {
    const t = value.text;
    if (typeof t !== 'string' || t.trim().length === 0 || t.length > TEAMS_LIMITS.askText) return null;
    return { srm: 'ask', text: t.trim() };
  }
  if (value.srm === 'feedback') {
    const { verdict, question } = value;
    if (verdict !== 'helpful' && verdict !== 'not_quite') return null;
    if (typeof question !== 'string' || question.length > TEAMS_LIMITS.feedbackQuestion) return null;
    const meta = decodeMeta(value.meta);
    if (!meta) return null;
    return { srm: 'feedback', verdict, meta, question };
  }
  return null;
}
