import { ORG, OWNER_LABEL } from '../../../core/answer/messages.js';
import type { AnswerReply, OurTeam } from '../../../core/reply.js';
import { type CardElement, type SubmitButton, text } from './elements.js';
import { TEAMS_LIMITS } from './limits.js';
import { cut, escapeMarkdown, mdLine, mdLink, plain } from './markdown.js';

/**
 * The company's own side of an answer, from its ownership file: "On our side: Database Platform",
 * linked to its Teams channel when the file gives a link, with the runbook link; and the "Ask <team>"
 * button. Pure.
 */

/** The "On our side" line. */
export function oursElements(o: OurTeam): CardElement[] {
  const name = o.teamsChannel?.startsWith('https://') ? mdLink(o.name, o.teamsChannel) : mdLine(o.name, 200);
  const where = [o.slackChannel, o.contact].filter((x): x is string => Boolean(x)).map((x) => mdLine(x, 200));
  let line = `👥 **${escapeMarkdown(ORG.onOurSide)}:** ${name}`;
  if (where.length) line += ` (${where.join(', ')})`;
  if (o.isDefault) line += ` (${escapeMarkdown(ORG.defaultNote)})`;
  if (o.runbook) line += `, ${mdLink(ORG.runbook, o.runbook.url)}`;
  return [text(line, { spacing: 'medium' })];
}

/** "Ask <team>": only when the team has a Teams channel to post in. */
export function askTeamButton(reply: AnswerReply): SubmitButton | null {
  const o = reply.ours;
  if (!o?.teamsChannel) return null;
  return {
    type: 'Action.Submit',
    title: plain(ORG.ask(o.name), TEAMS_LIMITS.buttonTitle),
    data: {
      srm: 'ask_team',
      team: o.id,
      question: cut(reply.question, TEAMS_LIMITS.feedbackQuestion),
      answer: cut(`${OWNER_LABEL[reply.owner]}: ${reply.headline}`, TEAMS_LIMITS.askTeamAnswer),
      meta: { ...reply.meta },
    },
  };
}

/** The words of an "Ask <team>" post and of what the asker is told (markdown; user text escaped). */
export const TEAMS_CHANNEL_TEXT = {
  where: 'their Teams channel',
  post: (team: OurTeam, mention: string, question: string, answer: string): string =>
    [
      `**${escapeMarkdown(ORG.askedHeading(team.name))}**`,
      `${mention} ${ORG.asked}: **${mdLine(question, 500)}**`,
      `_${escapeMarkdown(ORG.botAnswered)}:_ ${mdLine(answer, 1000)}`,
      ...(team.runbook ? [mdLink(ORG.runbook, team.runbook.url)] : []),
    ].join('\n\n'),
};
