import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../../src/adapters/teams/render/limits.js';
import { type Activity, execute, submit, type TeamsUser, type Where } from './activities.js';
import type { ConnectorCall } from './fake-connector.js';

/** Reading what the bot sent: its Adaptive Cards, their text and their buttons. */

export type Card = Record<string, unknown>;

/** The Adaptive Card contents attached to one sent activity. */
export function cardsOf(call: ConnectorCall): Card[] {
  const attachments = call.activity.attachments;
  if (!Array.isArray(attachments)) return [];
  return attachments
    .filter((a: { contentType?: unknown }) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE)
    .map((a: { content?: unknown }) => a.content as Card);
}

/** The one card of a reply; throws when there is not exactly one. */
export function onlyCard(call: ConnectorCall): Card {
  const cards = cardsOf(call);
  if (cards.length !== 1)
    throw new Error(`expected one card, got ${cards.length}: ${JSON.stringify(call.activity)}`);
  return cards[0] as Card;
}

/** Every object in the card, depth first in document order, without descending into button data. */
function objects(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(objects);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  return [o, ...Object.entries(o).flatMap(([k, v]) => (k === 'data' ? [] : objects(v)))];
}

/** Every `text` the card shows (TextBlocks, FactSet facts, RichText runs, titles…), in order. */
export function cardTexts(card: unknown): string[] {
  return objects(card).flatMap((o) => [
    ...(typeof o.text === 'string' ? [o.text] : []),
    ...(typeof o.title === 'string' ? [o.title] : []),
    // A FactSet fact: { title, value }.
    ...(o.type === undefined && typeof o.title === 'string' && typeof o.value === 'string' ? [o.value] : []),
  ]);
}

export interface CardButton {
  type: string;
  title: string;
  data?: unknown;
  url?: string;
  verb?: string;
}

/** Every action on the card, in card actions and in ActionSets, in order. */
export function cardButtons(card: unknown): CardButton[] {
  return objects(card).filter(
    (o) => typeof o.type === 'string' && o.type.startsWith('Action.'),
  ) as unknown as CardButton[];
}

/** A button's `srm` data, whatever the button type (Submit data, or messageBack's value). */
export function srmData(button: CardButton): Record<string, unknown> | undefined {
  const data = button.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object') return undefined;
  if (typeof data.srm === 'string') return data;
  const msteams = data.msteams as { value?: unknown } | undefined;
  const value = typeof msteams?.value === 'string' ? safeParse(msteams.value) : msteams?.value;
  return value && typeof value === 'object' && typeof (value as { srm?: unknown }).srm === 'string'
    ? (value as Record<string, unknown>)
    : undefined;
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/**
 * A markdown link to `host` that Teams would render as a live link: `[text](url)` with neither bracket
 * escaped. Escaped forms (`\[x\]\(…\)`, `\[x](…)`) do not count; the card's own links elsewhere do not match.
 */
export function liveLinkTo(host: string): RegExp {
  const h = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<!\\\\)\\[[^\\]\\n]*(?<!\\\\)\\]\\(\\s*https?://${h}`);
}

/** The activity Teams sends when `button` is clicked (an `Action.Submit` message or an `Action.Execute` invoke). */
export function click(
  button: CardButton,
  o: { serviceUrl: string; where: Where; from?: TeamsUser; replyToId?: string },
): Activity {
  if (button.type === 'Action.Execute')
    return execute({ ...o, data: button.data, ...(button.verb ? { verb: button.verb } : {}) });
  if (button.type !== 'Action.Submit')
    throw new Error(`not a button that posts back: ${JSON.stringify(button)}`);
  return submit({ ...o, value: srmData(button) ?? button.data });
}

/** The `srm` data of the card's "Helpful" button: the answer's labels and the question the core understood. */
export function feedbackData(card: unknown): { meta: Record<string, unknown>; question: string } | undefined {
  for (const b of cardButtons(card)) {
    const d = srmData(b);
    if (d?.srm === 'feedback' && d.verdict === 'helpful') {
      return { meta: d.meta as Record<string, unknown>, question: String(d.question) };
    }
  }
  return undefined;
}

/** The card's buttons that ask a question (follow-ups, "did you mean" choices, examples). */
export function askButtons(card: unknown): Array<CardButton & { text: string }> {
  return cardButtons(card).flatMap((b) => {
    const d = srmData(b);
    return d?.srm === 'ask' && typeof d.text === 'string' ? [{ ...b, text: d.text }] : [];
  });
}
