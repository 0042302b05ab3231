import { ACTION, decodeFeedback } from '../actions.js';
import type { SlackDeps } from '../answer.js';
import type { ButtonArgs } from '../click.js';
import { SLACK_REPLIES } from '../text.js';

/**
 * "Helpful" / "Not quite": record the click with the answer's labels, then acknowledge it and thank the
 * clicker privately. Written before acknowledged, so a click Slack saw accepted is on disk (a process killed
 * in between leaves Slack showing an error, and the user can click again). A failed write is acknowledged
 * too, with a sentence saying the feedback was not saved, not the generic apology.
 */
export function feedback(deps: SlackDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs) => {
    const value = decodeFeedback(action.value);
    if (!value) {
      await ack();
      deps.logger.warn(
        { platform: 'slack', actionId: action.action_id },
        'slack: feedback button without a valid value',
      );
      return;
    }
    const helpful = action.action_id === ACTION.helpful;
    try {
      await deps.feedback.record({
        type: helpful ? 'helpful' : 'not_quite',
        platform: 'slack',
        question: value.question,
        answer: value.meta,
        userId: body.user.id,
      });
    } catch (err) {
      await ack();
      deps.logger.error({ err, platform: 'slack' }, 'slack: could not write a feedback click');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: SLACK_REPLIES.feedbackNotSaved,
      });
      return;
    }
    await ack();
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: helpful ? SLACK_REPLIES.thanksHelpful : SLACK_REPLIES.thanksNotQuite,
    });
  };
}
