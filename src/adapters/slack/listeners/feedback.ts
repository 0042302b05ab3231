import { ACTION, decodeFeedback } from '../actions.js';
import type { SlackDeps } from '../answer.js';
import type { ButtonArgs } from '../click.js';
import { SLACK_REPLIES } from '../text.js';

/** "Helpful" / "Not quite": record the click with the answer's labels, thank the clicker privately. */
export function feedback(deps: SlackDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs) => {
    await ack();
    const value = decodeFeedback(action.value);
    if (!value) {
      deps.logger.warn(
        { platform: 'slack', actionId: action.action_id },
        'slack: feedback button without a valid value',
      );
      return;
    }
    const helpful = action.action_id === ACTION.helpful;
    await deps.feedback.record({
      type: helpful ? 'helpful' : 'not_quite',
      platform: 'slack',
      question: value.question,
      answer: value.meta,
      userId: body.user.id,
    });
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: helpful ? SLACK_REPLIES.thanksHelpful : SLACK_REPLIES.thanksNotQuite,
    });
  };
}
