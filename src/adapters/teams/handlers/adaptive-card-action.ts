import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { decodeCardAction } from '../actions.js';
import type { TeamsDeps } from '../answer.js';
import { runCardAction } from '../card-action.js';
import { TEAMS_REPLIES } from '../text.js';

/**
 * A Universal Action (`Action.Execute`, an `adaptiveCard/action` invoke): the same actions as
 * `Action.Submit`, answered with an invoke response so Teams never shows "something went wrong". An
 * `ask` posts its answer in the conversation and the response's message is the answer's summary; feedback
 * is thanked in the response alone (Teams shows it by the card).
 */
export async function adaptiveCardAction(
  deps: TeamsDeps,
  context: TurnContext,
  invokeValue: AdaptiveCardInvokeValue,
): Promise<AdaptiveCardInvokeResponse> {
  const action = decodeCardAction(invokeValue.action?.data);
  if (!action) {
    deps.logger.warn({ platform: 'teams', verb: invokeValue.action?.verb }, 'teams: unknown card action');
    return errorResponse(400, 'BadRequest', TEAMS_REPLIES.unknownAction);
  }
  const outcome = await runCardAction(deps, context, action);
  return messageResponse(outcome.kind !== 'answered' ? outcome.thanks : (outcome.summary ?? ''));
}

/**
 * Universal Actions' "show this message" response. Its `value` is a string; botbuilder's type says an
 * object because other response types carry one (a card, an error).
 */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: text as unknown as Record<string, unknown>,
  };
}

export function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}
