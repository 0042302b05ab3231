import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { recordIfUnanswered } from '../../../feedback.js';
import { ask, type SlackDeps } from '../answer.js';
import { conversationKey } from '../conversation.js';
import { fromSlack } from '../inbound.js';
import { renderReply } from '../render/reply.js';

/**
 * `/srm <question>`: an ephemeral answer with a "Share in channel" button. The core handles the commands
 * (`help`, `service rds`, `model`, `controls`); `/srm` alone asks for help.
 */
export function srmCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    await ack();
    const text = fromSlack(command.text) || 'help';
    const reply = await ask(
      deps,
      text,
      conversationKey.command(command.team_id, command.channel_id, command.user_id),
      { team: command.team_id, user: command.user_id },
    );
    await respond({ response_type: 'ephemeral', ...renderReply(reply, { shareQuestion: text }) });
    await recordIfUnanswered(deps, 'slack', reply, command.user_id);
  };
}
