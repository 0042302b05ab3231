import type { TurnContext } from 'botbuilder';
import type { Reply } from '../../core/reply.js';
import { recordIfUnanswered } from '../../feedback.js';
import type { CardAction } from './actions.js';
import { ask, replyMessage, type TeamsDeps } from './answer.js';
import { askTeam } from './ask-team.js';
import { answerRefOf, askerOf, conversationKey, tenantOf, userKey, userOf } from './conversation.js';
import { TEAMS_REPLIES } from './text.js';

export type ActionOutcome =
  | { kind: 'answered'; reply: Reply; summary: string | undefined }
  | { kind: 'feedback'; thanks: string }
  /** "Ask <team>": where the question went (or why it did not). */
  | { kind: 'told'; thanks: string };

/**
 * A button on one of our cards was clicked, as an `Action.Submit` (a message with `value`) or a Universal
 * Action (an `adaptiveCard/action` invoke): both come here.
 * - `ask` (a follow-up or a "did you mean" choice): ask its question in the clicker's context and post the
 *   answer in the conversation, saying who asked, since others in a channel see it too;
 * - `feedback` ("Helpful" / "Not quite"): record it with the answer's labels and the card's message, so the
 *   person's latest click on that answer replaces their earlier one (both buttons stay clickable). The
 *   caller delivers the thanks, as a message or as the invoke's response.
 */
export async function runCardAction(
  deps: TeamsDeps,
  context: TurnContext,
  action: CardAction,
): Promise<ActionOutcome> {
  const user = userOf(context.activity);
  switch (action.srm) {
    case 'ask': {
      const reply = await ask(
        deps,
        action.text,
        conversationKey(context.activity),
        userKey(context.activity),
      );
      const sent = replyMessage(reply, user.name ? { askedBy: user.name } : {});
      await context.sendActivity(sent);
      await recordIfUnanswered(deps, askerOf(context.activity), reply);
      return { kind: 'answered', reply, summary: sent.summary };
    }
    case 'feedback': {
      const on = answerRefOf(context.activity);
      await deps.feedback.record({
        type: action.verdict,
        platform: 'teams',
        team: tenantOf(context.activity),
        question: action.question,
        answer: action.meta,
        userId: user.id,
        ...(on ? { on } : {}),
      });
      return {
        kind: 'feedback',
        thanks: action.verdict === 'helpful' ? TEAMS_REPLIES.thanksHelpful : TEAMS_REPLIES.thanksNotQuite,
      };
    }
    case 'ask_team':
      return { kind: 'told', thanks: await askTeam(deps, context, action) };
  }
}
