import type { types } from '@slack/bolt';
import { OWNER_LABEL } from '../../../core/answer/messages.js';
import type { Link, SecurityHubRef, Suggestion } from '../../../core/reply.js';
import type { Owner } from '../../../kb/ids.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { cutMrkdwn, fitText, joinWithin, link } from './mrkdwn.js';
import { SLACK_TEXT } from './text.js';

/** Block builders: each cuts its text to Slack's limits, so the renderers never break one. */

export type Block = types.KnownBlock;
export type Button = types.Button;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function header(raw: string): types.HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: fitText(raw, BLOCK_KIT_LIMITS.headerText), emoji: true },
  };
}

/** A section of already-escaped mrkdwn. */
export function section(mrkdwn: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cutMrkdwn(mrkdwn, BLOCK_KIT_LIMITS.sectionText) } };
}

export function fieldsSection(fields: string[]): types.SectionBlock {
  return {
    type: 'section',
    fields: fields
      .slice(0, BLOCK_KIT_LIMITS.sectionFields)
      .map((f) => ({ type: 'mrkdwn' as const, text: cutMrkdwn(f, BLOCK_KIT_LIMITS.fieldText) })),
  };
}

export function context(mrkdwn: string[]): types.ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .slice(0, BLOCK_KIT_LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn' as const, text: cutMrkdwn(t, BLOCK_KIT_LIMITS.contextText) })),
  };
}

export function button(actionId: string, label: string, value: string, style?: 'primary' | 'danger'): Button {
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
export function suggestionButtons(prefix: string, suggestions: Suggestion[]): Button[] {
  return suggestions
    .filter((s) => s.text.length > 0 && s.text.length <= BLOCK_KIT_LIMITS.buttonValue)
    .slice(0, BLOCK_KIT_LIMITS.actionsElements)
    .map((s, i) => button(`${prefix}_${i}`, s.label, s.text));
}

export function actions(blockId: string, elements: Button[]): types.ActionsBlock[] {
  if (elements.length === 0) return [];
  return [
    { type: 'actions', block_id: blockId, elements: elements.slice(0, BLOCK_KIT_LIMITS.actionsElements) },
  ];
}

export const ownerEmoji = (owner: Owner | null | undefined): string =>
  owner ? SLACK_TEXT.ownerEmoji[owner] : SLACK_TEXT.noOwnerEmoji;
export const ownerLabel = (owner: Owner | null | undefined): string =>
  owner ? OWNER_LABEL[owner] : SLACK_TEXT.notApplicable;

export function docsBlock(docs: Link[]): Block[] {
  if (docs.length === 0) return [];
  const links = docs.map((d) => link(d.url, d.title));
  return [
    context([`:books: *${SLACK_TEXT.docs}:* ${joinWithin(links, ' · ', BLOCK_KIT_LIMITS.contextText - 40)}`]),
  ];
}

export function securityHubBlock(controls: SecurityHubRef[]): Block[] {
  if (controls.length === 0) return [];
  const lines = controls.map((c) => `• ${link(c.url, c.id, 40)} ${fitText(c.title, 300)}`);
  return [
    section(
      `:shield: *${SLACK_TEXT.securityHub}*\n${joinWithin(lines, '\n', BLOCK_KIT_LIMITS.sectionText - 40)}`,
    ),
  ];
}

/** Packs lines into as few chunks of at most `max` characters as possible (lines longer are cut). */
export function pack(lines: string[], max: number): string[] {
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
export function capBlocks(content: Block[], tail: Block[], max: number): Block[] {
  if (content.length + tail.length <= max) return [...content, ...tail];
  const room = Math.max(0, max - tail.length - 1);
  return [...content.slice(0, room), context([SLACK_TEXT.shortened]), ...tail];
}
