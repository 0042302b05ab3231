import { oneLine } from '../../../core/answer/line.js';
import { OWNER_LABEL, REPLY_LABELS } from '../../../core/answer/messages.js';
import type { AnswerReply, Link } from '../../../core/reply.js';
import {
  type CardButton,
  type CardElement,
  docButtons,
  docsElements,
  heading,
  moreLine,
  ownerBadgeRow,
  type ShowCardButton,
  securityHubList,
  suggestionSet,
  text,
} from './elements.js';
import { TEAMS_LIMITS } from './limits.js';
import { escapeMarkdown, httpUrl, md, mdLine } from './markdown.js';
import { oursElements } from './ours.js';
import { TEAMS_TEXT } from './text.js';

/**
 * A compact answer card: the headline (the duty and its owner), one line for each side, the control,
 * our team that owns it (when the ownership file names one),
 * at most two documentation links, and "Details" (an `Action.ShowCard`) holding the whole answer:
 * both sides in full, notes and exceptions, the area, the controls, Security Hub and the other links.
 * Teams opens Details in place, without a round trip to the bot.
 */
export function compactAnswer(
  reply: AnswerReply,
  b: { text: number; items: number },
): { body: CardElement[]; suggestions: CardElement[]; summary: string } {
  const line = (label: string, emoji: string, raw: string) =>
    text(`${emoji} **${escapeMarkdown(label)}:** ${mdLine(oneLine(raw, TEAMS_LIMITS.compactLine), 300)}`, {
      spacing: 'small',
    });
  const body: CardElement[] = [
    ownerBadgeRow(reply.owner, reply.title),
    text(md(reply.headline, Math.min(b.text, 1000)), { weight: 'bolder', spacing: 'medium' }),
    line(TEAMS_TEXT.awsSide, TEAMS_TEXT.ownerEmoji.aws, reply.aws),
    line(TEAMS_TEXT.yourSide, TEAMS_TEXT.ownerEmoji.customer, reply.customer),
  ];
  if (reply.controls.length) {
    const names = reply.controls
      .slice(0, 3)
      .map((c) => `${mdLine(c.name, 100)} (${escapeMarkdown(TEAMS_TEXT.controlKind(c.kind))})`);
    body.push(
      text(`📋 **${escapeMarkdown(TEAMS_TEXT.control)}:** ${names.join(' · ')}`, { spacing: 'small' }),
    );
  }
  // The owning team in our organisation, where the ownership file names one (SRM_ORG_FILE).
  if (reply.ours) body.push(...oursElements(reply.ours));
  const usable = reply.docs.filter((d) => httpUrl(d.url) !== null);
  const links = docButtons(usable, TEAMS_LIMITS.compactDocs);
  const actions: CardButton[] = [...links, detailsButton(reply, b, usable.slice(links.length))];
  body.push({ type: 'ActionSet', actions, spacing: 'medium' });
  return {
    body,
    suggestions: suggestionSet(reply.followUps, TEAMS_TEXT.alsoAsk),
    summary: `${OWNER_LABEL[reply.owner]}: ${reply.headline}`,
  };
}

/** The whole answer, behind the "Details" button. */
function detailsButton(
  reply: AnswerReply,
  b: { text: number; items: number },
  otherDocs: Link[],
): ShowCardButton {
  const body: CardElement[] = [
    heading(TEAMS_TEXT.awsSide, TEAMS_TEXT.ownerEmoji.aws, { spacing: 'none' }),
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
  body.push(...securityHubList(reply.securityHub, b.items, b.text));
  body.push(...docsElements(otherDocs, b.items));
  return { type: 'Action.ShowCard', title: TEAMS_TEXT.details, card: { type: 'AdaptiveCard', body } };
}
