import { MessageFactory, type TurnContext } from 'botbuilder';
import { recordIfUnanswered } from '../../../feedback.js';
import { decodeCardAction } from '../actions.js';
import { ask, replyMessage, type TeamsDeps } from '../answer.js';
import { runCardAction } from '../card-action.js';
import { conversationKey, questionText, userKey, userOf } from '../conversation.js';
import { TEAMS_REPLIES } from '../text.js';

/**
 * A message to the bot: `@srm who patches RDS?` in a channel or group chat, anything in a 1:1 chat, or a
 * clicked `Action.Submit` button (a message with `value`). The answer is an Adaptive Card in the same
 * conversation (in a channel, the same thread).
 */
export function message(deps: TeamsDeps) {
  return async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
    const activity = context.activity;
    const action = activity.value === undefined ? null : decodeCardAction(activity.value);
    if (action) {
      const outcome = await runCardAction(deps, context, action);
      if (outcome.kind !== 'answered') await context.sendActivity(MessageFactory.text(outcome.thanks));
      return next();
    }
    if (activity.value !== undefined) {
      deps.logger.warn(
        { platform: 'teams' },
        'teams: a message carried a value that is not one of our actions',
      );
      // A click on a stale card (its data no longer decodes) is not an empty question.
      if (!activity.text?.trim()) {
        await context.sendActivity(MessageFactory.text(TEAMS_REPLIES.unknownAction));
        return next();
      }
    }
    // Empty, huge or emoji-only text is the core's to answer.
    const reply = await ask(deps, questionText(activity), conversationKey(activity), userKey(activity));
    await context.sendActivity(replyMessage(reply));
    await recordIfUnanswered(deps, 'teams', reply, userOf(activity).id);
    return next();
  };
}
