import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTION, decodeFeedback } from '../actions.js';
import type { SlackDeps } from '../answer.js';
import { answerRef } from '../click.js';
import { SLACK_REPLIES } from '../text.js';

/**
 * "Helpful" / "Not quite" buttons (ephemeral and response-URL answers) and Slack's native thumbs
 * (`feedback_buttons`, on messages the bot posts): record the click with what was answered, then ack.
 * Written before acknowledged, so a click Slack saw accepted is stored (a process killed in between
 * leaves Slack showing an error, and the user can click again). A failed write is acknowledged too,
 * with a sentence saying the feedback was not saved, not the generic apology. The native thumbs show
 * their own clicked state, so a thumbs-up is not thanked; a thumbs-down still gets the hint to rephrase.
 * Slack sends no un-click: the click is recorded with the message it was on, so the person's latest
 * click on an answer replaces their earlier one.
 */
export function feedback(deps: SlackDeps) {
  return async ({
    ack,
    action,
    body,
    respond,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    const value = decodeFeedback(
      action.type === 'button' || action.type === 'feedback_buttons' ? action.value : undefined,
    );
    const native = action.type === 'feedback_buttons';
    if (!value || (native && !value.sign)) {
      deps.logger.warn(
        { platform: 'slack', actionId: action.action_id },
        'slack: feedback button without a valid value',
      );
      await ack();
      return;
    }
    const helpful = native ? value.sign === 1 : action.action_id === ACTION.helpful;
    const on = answerRef(body);
    try {
      await deps.feedback.record({
        type: helpful ? 'helpful' : 'not_quite',
        platform: 'slack',
        team: body.team?.id ?? body.user.team_id ?? null,
        question: value.question,
        answer: value.meta,
        userId: body.user.id,
        ...(on ? { on } : {}),
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
    if (native && helpful) return;
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: helpful ? SLACK_REPLIES.thanksHelpful : SLACK_REPLIES.thanksNotQuite,
    });
  };
}
