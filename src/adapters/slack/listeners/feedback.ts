import { ACTION, decodeFeedback } from '../actions.js';
import type { SlackDeps } from '../answer.js';
import { type ButtonArgs, clicker } from '../click.js';
import { SLACK_REPLIES } from '../text.js';

/**
 * "Helpful" / "Not quite": record the click with what was answered, then ack (a click acknowledged is
 * a row written: if the write fails, Slack shows the clicker an error instead), then thank the clicker
 * privately.
 */
export function feedback(deps: SlackDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs) => {
    const value = decodeFeedback(action.value);
    if (!value) {
      deps.logger.warn(
        { platform: 'slack', actionId: action.action_id },
        'slack: feedback button without a valid value',
      );
      await ack();
      return;
    }
    const helpful = action.action_id === ACTION.helpful;
    const { platform, team, userId } = clicker({ body });
    await deps.feedback.record({
      type: helpful ? 'helpful' : 'not_quite',
      platform,
      team,
      question: value.question,
      answer: value.meta,
      userId,
    });
    await ack();
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: helpful ? SLACK_REPLIES.thanksHelpful : SLACK_REPLIES.thanksNotQuite,
    });
  };
}
