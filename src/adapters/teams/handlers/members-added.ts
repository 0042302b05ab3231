import type { TurnContext } from 'botbuilder';
import { cardMessage } from '../answer.js';
import type { CardAttachment } from '../render/elements.js';

/**
 * The bot was added to a team, a group chat or a 1:1 chat (Teams then lists the bot itself among
 * `membersAdded`; in a 1:1 chat, beside the user): post the welcome card once. People joining a
 * conversation the bot is already in get nothing.
 */
export function membersAdded(welcome: CardAttachment) {
  return async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
    const { membersAdded: added, recipient } = context.activity;
    if (recipient?.id && added?.some((m) => m.id === recipient.id)) {
      await context.sendActivity(cardMessage(welcome));
    }
    return next();
  };
}
