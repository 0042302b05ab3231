import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { TeamsDeps } from './answer.js';
import { activityClaimKey } from './conversation.js';
import { adaptiveCardAction } from './handlers/adaptive-card-action.js';
import { membersAdded } from './handlers/members-added.js';
import { message } from './handlers/message.js';
import { searchQuery } from './handlers/search.js';
import { renderWelcomeCard } from './render/cards.js';

/**
 * The bot: every handler, one module each under handlers/. Activities it does not handle (reactions,
 * typing, other invokes) get botbuilder's default answer (200, or 501 for an unknown invoke). A Teams
 * handler (botbuilder's TeamsActivityHandler) for the compose-box search, a `composeExtension/query` invoke.
 */
export class SrmBot extends TeamsActivityHandler {
  readonly #deps: TeamsDeps;

  constructor(deps: TeamsDeps) {
    super();
    this.#deps = deps;
    this.onMessage(message(deps));
    this.onMembersAdded(membersAdded(renderWelcomeCard(deps.engine.welcome())));
  }

  /**
   * A message activity redelivered with the same id (Bot Framework retries what it thinks was lost,
   * possibly to another replica) is answered once: the first delivery claims its id in the store.
   */
  override async run(context: TurnContext): Promise<void> {
    const key = context.activity.type === 'message' ? activityClaimKey(context.activity) : null;
    if (key && !(await this.#deps.claims.claim(key))) {
      this.#deps.logger.info({ activityId: context.activity.id }, 'teams: duplicate activity ignored');
      return;
    }
    await super.run(context);
  }

  protected override onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return adaptiveCardAction(this.#deps, context, invokeValue);
  }

  protected override handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    return searchQuery(this.#deps, context, query);
  }
}
