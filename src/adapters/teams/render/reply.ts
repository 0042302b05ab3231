import { ONBOARDING, OWNER_LABEL, REPLY_LABELS, withEmoji } from '../../../core/answer/messages.js';
import { isAnswered, type Reply, type ReplyMeta } from '../../../core/reply.js';
import {
  attach,
  attachmentBytes,
  type CardAttachment,
  type CardElement,
  type Column,
  card,
  docsElements,
  heading,
  moreLine,
  ownerBadgeRow,
  ownerText,
  type SubmitButton,
  securityHubLine,
  securityHubList,
  suggestionSet,
  type TextBlock,
  text,
  title,
} from './elements.js';
import { FIT_LEVELS, TEAMS_LIMITS } from './limits.js';
import { cut, escapeMarkdown, md, mdLine } from './markdown.js';
import { onboardingCard } from './onboarding.js';
import { askTeamButton, oursElements } from './ours.js';
import { TEAMS_TEXT } from './text.js';

/**
 * Adaptive Cards for Microsoft Teams: a pure function from the core's reply to a card attachment. The
 * only markup in a card is what the builders write on purpose (bold labels, Security Hub and docs
 * links). Cards are cut here to Teams' size limit, so the adapter never has to think about it.
 */

export interface CardRenderOptions {
  /** Display name of whoever clicked the button that asked: shown as "Asked by X: question". */
  askedBy?: string;
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
      if (reply.ours) body.push(...oursElements(reply.ours));
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
    case 'welcome': {
      const w = TEAMS_TEXT.welcome;
      return {
        body: [
          text(escapeMarkdown(reply.title), { weight: 'bolder', size: 'large' }),
          text(md(reply.intro, 1000)),
          text(md(reply.services, b.text), { isSubtle: true }),
          text(md(w.where, 500), { isSubtle: true }),
          text(md(ONBOARDING.newHere, 300), { spacing: 'medium' }),
          ...suggestionSet(reply.start),
          heading(w.examples, '💬'),
          ...suggestionSet(reply.examples.slice(0, 4)),
          heading(w.commands, '⌨️'),
          ...reply.commands.map((c, i) =>
            text(`**${escapeMarkdown(c.usage)}**: ${escapeMarkdown(c.what)}`, {
              spacing: i === 0 ? 'small' : 'none',
            }),
          ),
        ],
        suggestions: [],
        summary: `${reply.title}. ${w.where}`,
      };
    }
    case 'message':
      return {
        body: [text(md(withEmoji(reply.text, TEAMS_TEXT.emoji), b.text))],
        suggestions: suggestionSet(reply.followUps),
        summary: withEmoji(reply.text, TEAMS_TEXT.emoji),
      };
    case 'tour':
    case 'quiz_question':
    case 'quiz_result':
    case 'progress':
      return onboardingCard(reply);
  }
}

/**
 * Renders a reply as an Adaptive Card attachment within Teams' size limit. A reply too large at full
 * detail is rendered again with shorter texts and lists, and says so; the buttons always stay.
 */
export function renderCard(reply: Reply, opts: CardRenderOptions = {}): CardAttachment {
  const lead = askedByLine(opts, reply.question);
  const actions = isAnswered(reply) ? feedbackButtons(reply) : [];
  const askTeam = reply.kind === 'answer' ? askTeamButton(reply) : null;
  if (askTeam) actions.push(askTeam);
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
