import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTION, decodeFeedback } from '../actions.js';
import type { SlackDeps } from '../answer.js';
import { SLACK_REPLIES } from '../text.js';

/** The answer a click was on, so the latest click per answer and person wins (see FeedbackRecord.key). */
function answerKey(body: BlockAction): string | undefined {
  const container = body.container as { channel_id?: string; message_ts?: string };
  const channel = body.channel?.id ?? container.channel_id;
  const ts = body.message?.ts ?? container.message_ts;
  const team = body.team?.id ?? body.user.team_id ?? 'unknown';
  return channel && ts ? `slack:${team}:${channel}:${ts}` : undefined;
}

/**
 * "Helpful" / "Not quite" buttons (ephemeral and response-URL answers) and Slack's native thumbs
 * (`feedback_buttons`, on messages the bot posts): record the click with the answer's labels and thank
 * the clicker privately. The native thumbs show their own clicked state, so a thumbs-up is not thanked;
 * a thumbs-down still gets the hint to rephrase.
 */
export function feedback(deps: SlackDeps) {
  return async ({
    ack,
    action,
    body,
    respond,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const value = decodeFeedback(
      action.type === 'button' || action.type === 'feedback_buttons' ? action.value : undefined,
    );
    const native = action.type === 'feedback_buttons';
    if (!value || (native && !value.sign)) {
      deps.logger.warn(
        { platform: 'slack', actionId: action.action_id },
        'slack: feedback button without a valid value',
      );
      return;
    }
    const helpful = native ? value.sign === 1 : action.action_id === ACTION.helpful;
    const key = answerKey(body);
    await deps.feedback.record({
      type: helpful ? 'helpful' : 'not_quite',
      platform: 'slack',
      question: value.question,
      answer: value.meta,
      userId: body.user.id,
      ...(key ? { key } : {}),
    });
    if (native && helpful) return;
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: helpful ? SLACK_REPLIES.thanksHelpful : SLACK_REPLIES.thanksNotQuite,
    });
  };
}
