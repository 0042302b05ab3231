import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { TeamsDeps } from './answer.js';
import { adaptiveCardAction } from './handlers/adaptive-card-action.js';
import { membersAdded } from './handlers/members-added.js';
import { message } from './handlers/message.js';
import { renderWelcomeCard } from './render/cards.js';

/**
 * The bot: every handler, one module each under handlers/. Activities it does not handle (reactions,
 * typing, other invokes) get botbuilder's default answer (200, or 501 for an unknown invoke).
 */
export class SrmBot extends ActivityHandler {
  readonly #deps: TeamsDeps;

  constructor(deps: TeamsDeps) {
    super();
    this.#deps = deps;
    this.onMessage(message(deps));
    this.onMembersAdded(membersAdded(renderWelcomeCard(deps.engine.welcome())));
  }

  protected override onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return adaptiveCardAction(this.#deps, context, invokeValue);
  }
}
