import { ORG, OWNER_LABEL } from '../../../core/answer/messages.js';
import type { AnswerReply, OurTeam } from '../../../core/reply.js';
import { ACTION, encodeAskTeam } from '../actions.js';
import { type Block, type Button, button, context, section } from './blocks.js';
import { fitText, link } from './mrkdwn.js';
import { SLACK_TEXT } from './text.js';

/**
 * The company's own side of an answer, from its ownership file: "On our side: Database Platform
 * (#db-platform), runbook", and the "Ask Database Platform" button. Pure.
 */

/** The "On our side" line, with the channel and runbook as links. */
export function oursBlock(o: OurTeam): Block {
  const parts = [`:busts_in_silhouette: *${ORG.onOurSide}:* ${fitText(o.name, 200)}`];
  const where: string[] = [];
  if (o.slackChannel) where.push(SLACK_TEXT.channel(fitText(o.slackChannel, 90)));
  if (o.contact) where.push(fitText(o.contact, 200));
  if (where.length) parts.push(`(${where.join(', ')})`);
  if (o.isDefault) parts.push(`(${fitText(ORG.defaultNote, 200)})`);
  let line = parts.join(' ');
  if (o.runbook) line += `, ${link(o.runbook.url, ORG.runbook)}`;
  return context([line]);
}

/** "Ask <team>": posts the question and the answer to the team's Slack channel (only if it has one). */
export function askTeamButton(reply: AnswerReply): Button | null {
  const o = reply.ours;
  if (!o?.slackChannel) return null;
  return button(
    ACTION.askTeam,
    ORG.ask(o.name),
    encodeAskTeam({
      team: o.id,
      question: reply.question,
      answer: `${OWNER_LABEL[reply.owner]}: ${reply.headline}`,
      meta: reply.meta,
    }),
  );
}

/** The message posted in the team's channel: who asked, the question, and the bot's answer. */
export function askTeamMessage(
  team: OurTeam,
  asker: string,
  question: string,
  answer: string,
): { text: string; blocks: Block[] } {
  const q = fitText(question, 1000);
  const a = fitText(answer, 1500);
  const heading = fitText(ORG.askedHeading(team.name), 200);
  return {
    text: `${heading}: <@${asker}> ${ORG.asked}: ${q}`,
    blocks: [
      section(`*${heading}*\n<@${asker}> ${ORG.asked}: *${q}*`),
      section(`_${ORG.botAnswered}:_ ${a}`),
      ...(team.runbook ? [context([link(team.runbook.url, ORG.runbook)])] : []),
    ],
  };
}
