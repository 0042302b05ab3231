import { ask, type SlackDeps } from '../answer.js';
import type { ButtonArgs } from '../click.js';
import { conversationKey } from '../conversation.js';
import { renderReply } from '../render/reply.js';

/**
 * "Share in channel" on an ephemeral `/srm` answer: the button carries the question, which is asked again
 * in the asker's `/srm` conversation and posted for everyone through the response URL (which works even
 * where the bot is not a member); the private copy is then removed.
 */
export function share(deps: SlackDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs) => {
    await ack();
    const user = body.user.id;
    const team = body.team?.id ?? body.user.team_id ?? 'unknown';
    const channel =
      body.channel?.id ?? String((body.container as { channel_id?: string }).channel_id ?? user);
    const reply = await ask(deps, action.value ?? '', conversationKey.command(team, channel, user), {
      team,
      user,
    });
    await respond({
      response_type: 'in_channel',
      replace_original: false,
      ...renderReply(reply, { sharedBy: user }),
    });
    await respond({ delete_original: true });
  };
}
