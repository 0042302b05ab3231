import { OWNER_LABEL } from '../../../core/answer/messages.js';
import type { Link, SecurityHubRef, Suggestion } from '../../../core/reply.js';
import type { Owner } from '../../../kb/ids.js';
import type { CardAction } from '../actions.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, ADAPTIVE_CARD_VERSION, TEAMS_LIMITS } from './limits.js';
import { escapeMarkdown, httpUrl, mdLine, mdLink, plain } from './markdown.js';
import { TEAMS_TEXT } from './text.js';

/**
 * The Adaptive Card JSON this renderer writes (the subset of Adaptive Cards 1.5 it uses) and the element
 * builders every card is made of.
 */

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large';
export type TextColor = 'default' | 'accent' | 'good' | 'warning' | 'attention';
export type ContainerStyle = 'default' | 'emphasis' | 'accent' | 'good' | 'warning' | 'attention';

export interface TextBlock {
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
export interface Column {
  type: 'Column';
  width: 'auto' | 'stretch' | number;
  items: CardElement[];
  style?: ContainerStyle;
  verticalContentAlignment?: 'center';
}
export interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: Spacing;
  separator?: boolean;
}
export interface Container {
  type: 'Container';
  items: CardElement[];
  spacing?: Spacing;
  separator?: boolean;
}
export interface ActionSet {
  type: 'ActionSet';
  actions: CardButton[];
  spacing?: Spacing;
}
export type CardElement = TextBlock | ColumnSet | Container | ActionSet;

export interface SubmitButton {
  type: 'Action.Submit';
  title: string;
  data: CardAction;
}
export interface OpenUrlButton {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}
/** A button that opens a card inside this one (the compact answer's "Details"); no round trip. */
export interface ShowCardButton {
  type: 'Action.ShowCard';
  title: string;
  card: { type: 'AdaptiveCard'; body: CardElement[] };
}
export type CardButton = SubmitButton | OpenUrlButton | ShowCardButton;

/** A type alias (not an interface) so it is assignable to `Record<string, unknown>`. */
export type AdaptiveCardJson = {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  actions?: CardButton[];
  fallbackText?: string;
  msteams: { width: 'Full' };
};

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

export const utf8 = new TextEncoder();
/** Serialized size in bytes, as the Bot Framework connector sends it (JSON in UTF-8). */
export function attachmentBytes(attachment: CardAttachment): number {
  return utf8.encode(JSON.stringify(attachment)).length;
}

/* ------------------------------------------------------------------------------------------------
 * Element builders
 * --------------------------------------------------------------------------------------------- */

export function text(markdown: string, extra: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: markdown, wrap: true, ...extra };
}

/** A bold label written by this file (static text, still escaped) with an optional emoji. */
export function heading(
  label: string,
  emoji = '',
  extra: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {},
): TextBlock {
  return text(`${emoji ? `${emoji} ` : ''}**${escapeMarkdown(label)}**`, { spacing: 'medium', ...extra });
}

export const OWNER_STYLE: Record<Owner, ContainerStyle> = {
  aws: 'accent',
  customer: 'warning',
  shared: 'good',
};
export const OWNER_COLOR: Record<Owner, TextColor> = { aws: 'accent', customer: 'warning', shared: 'good' };

export const ownerEmoji = (owner: Owner | null | undefined): string =>
  owner ? TEAMS_TEXT.ownerEmoji[owner] : TEAMS_TEXT.noOwnerEmoji;
export const ownerLabel = (owner: Owner | null | undefined): string =>
  owner ? OWNER_LABEL[owner] : TEAMS_TEXT.notApplicable;

/** The owner as a coloured text (emoji + label) for tables and columns. */
export function ownerText(
  owner: Owner | null,
  extra: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {},
): TextBlock {
  const label = `${ownerEmoji(owner)} ${escapeMarkdown(ownerLabel(owner))}`;
  return owner
    ? text(label, { weight: 'bolder', color: OWNER_COLOR[owner], ...extra })
    : text(label, { isSubtle: true, ...extra });
}

/** The owner badge beside the title: a coloured column (Container style) holding the owner label. */
export function ownerBadgeRow(owner: Owner, title: string): ColumnSet {
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

export function title(raw: string): TextBlock {
  return text(mdLine(raw, TEAMS_LIMITS.title), { weight: 'bolder', size: 'medium' });
}

export function askButton(s: Suggestion): SubmitButton {
  return {
    type: 'Action.Submit',
    title: plain(s.label, TEAMS_LIMITS.buttonTitle),
    data: { srm: 'ask', text: s.text },
  };
}

/** One ActionSet of suggestions; one whose question is empty or too long to carry is left out. */
export function suggestionSet(suggestions: Suggestion[], lead?: string): CardElement[] {
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

/** Documentation links as Action.OpenUrl buttons, at most `max` of them. */
export function docButtons(docs: Link[], max: number): OpenUrlButton[] {
  return docs
    .filter((d) => httpUrl(d.url) !== null)
    .slice(0, max)
    .map((d) => ({
      type: 'Action.OpenUrl',
      title: plain(`📖 ${d.title}`, TEAMS_LIMITS.buttonTitle),
      url: httpUrl(d.url) ?? '',
    }));
}

/** Documentation as Action.OpenUrl buttons; links beyond the button row are listed as text. */
export function docsElements(docs: Link[], items: number): CardElement[] {
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
export function moreLine(total: number, shown: number): TextBlock[] {
  return total > shown ? [text(escapeMarkdown(TEAMS_TEXT.more(total - shown)), { isSubtle: true })] : [];
}

export function securityHubList(refs: SecurityHubRef[], items: number, textMax: number): CardElement[] {
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
export function securityHubLine(refs: SecurityHubRef[], items: number): CardElement[] {
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

export function card(body: CardElement[], actions: CardButton[], summary: string): AdaptiveCardJson {
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

export function attach(content: AdaptiveCardJson): CardAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
