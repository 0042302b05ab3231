import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Reply } from '../../../core/reply.js';
import { recordIfUnanswered } from '../../../feedback.js';
import { ask, type SlackDeps } from '../answer.js';
import { conversationKey } from '../conversation.js';
import { fromSlack } from '../inbound.js';
import { renderReply } from '../render/reply.js';

/**
 * `/srm <question>`: an ephemeral answer with a "Share in channel" button. The core handles the commands
 * (`help`, `service rds`, `model`, `controls`); `/srm` alone asks for help.
 *
 * The answer goes in the body of the acknowledgement (Slack shows an immediate response from the HTTP 200
 * of a slash command), so there is no second HTTP call: the engine answers in well under a millisecond,
 * far inside Slack's three seconds. The response URL is left for later updates (Details, Share).
 */
export function srmCommand(deps: SlackDeps) {
  return async ({ command, ack }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const text = fromSlack(command.text) || 'help';
    let reply: Reply;
    try {
      reply = await ask(
        deps,
        text,
        conversationKey.command(command.team_id, command.channel_id, command.user_id),
        { team: command.team_id, user: command.user_id },
      );
    } catch (err) {
      // Acked empty so Slack shows no error of its own; the error boundary then apologizes privately.
      await ack();
      throw err;
    }
    await ack({ response_type: 'ephemeral', ...renderReply(reply, { shareQuestion: text }) });
    await recordIfUnanswered(
      deps,
      { platform: 'slack', team: command.team_id, userId: command.user_id },
      reply,
    );
  };
}
