import { OWNER_LABEL, REPLY_LABELS, withEmoji } from '../../../core/answer/messages.js';
import { isAnswered, type Reply, type Suggestion } from '../../../core/reply.js';
import { ACTION, encodeFeedback } from '../actions.js';
import {
  actions,
  type Block,
  type Button,
  button,
  capBlocks,
  context,
  docsBlock,
  fieldsSection,
  header,
  ownerEmoji,
  ownerLabel,
  pack,
  type SlackMessage,
  section,
  securityHubBlock,
  suggestionButtons,
} from './blocks.js';
import { welcomeBlocks } from './home.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { fitText, isUserId, joinWithin } from './mrkdwn.js';
import { onboardingBody } from './onboarding.js';
import { askTeamButton, oursBlock } from './ours.js';
import { SLACK_TEXT } from './text.js';

/**
 * Block Kit for Slack: a pure function from the core's reply to `{ text, blocks }` (Slack always gets a
 * plain `text` fallback beside the blocks, for notifications and screen readers).
 */

export interface RenderOptions {
  /** Ephemeral (slash-command) answers: a "Share in channel" button whose value is the question to re-ask. */
  shareQuestion?: string;
  /** Posted because someone clicked a button: shows who asked what, so a thread makes sense. */
  askedBy?: { user: string; question: string };
  /** Shared from an ephemeral answer: shows who shared it. */
  sharedBy?: string;
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
  if (isAnswered(reply)) {
    const value = encodeFeedback(reply.meta, reply.question);
    extra.push(button(ACTION.helpful, `:thumbsup: ${SLACK_TEXT.helpful}`, value));
    extra.push(button(ACTION.notQuite, `:thumbsdown: ${SLACK_TEXT.notQuite}`, value));
    if (opts.shareQuestion && opts.shareQuestion.length <= BLOCK_KIT_LIMITS.buttonValue) {
      extra.push(button(ACTION.share, SLACK_TEXT.share, opts.shareQuestion, 'primary'));
    }
    const ask = reply.kind === 'answer' ? askTeamButton(reply) : null;
    if (ask) extra.push(ask);
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
      if (reply.ours) body.push(oursBlock(reply.ours));
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
    case 'welcome':
      return {
        body: welcomeBlocks(reply),
        suggestions: [],
        suggestionPrefix: followUp,
        text: `${reply.title}: ${reply.intro}`,
      };
    case 'message': {
      const text = withEmoji(reply.text, SLACK_TEXT.emoji);
      return {
        body: [section(fitText(text, 2900))],
        suggestions: reply.followUps,
        suggestionPrefix: followUp,
        text,
      };
    }
    case 'tour':
    case 'quiz_question':
    case 'quiz_result':
    case 'progress':
      return { ...onboardingBody(reply), suggestionPrefix: followUp };
  }
}
