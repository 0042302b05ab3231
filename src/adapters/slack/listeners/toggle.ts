import { ACTION, decodeToggle } from '../actions.js';
import { ask, type SlackDeps } from '../answer.js';
import type { ButtonArgs } from '../click.js';
import { conversationKey, isDirectChannel } from '../conversation.js';
import { renderReply } from '../render/reply.js';

/**
 * Details / Less on an answer: the button carries what to re-ask (`duty <key>` or the question) and the
 * question the answer was for (kept in the feedback values), and the
 * same message is redrawn in place, in full or short. An ephemeral `/srm` answer is replaced through its
 * response URL; a message the bot posted is edited with chat.update (and through the response URL when
 * Slack refuses the edit, e.g. an answer shared from `/srm` into a channel the bot is not in).
 */
export function toggle(deps: SlackDeps) {
  return async ({ ack, action, body, client, respond }: ButtonArgs) => {
    await ack();
    const view = action.action_id === ACTION.details ? 'details' : 'short';
    const value = decodeToggle(action.value);
    if (!value) {
      deps.logger.warn(
        { platform: 'slack', actionId: action.action_id },
        'slack: Details/Less without a valid value',
      );
      return;
    }
    const { question } = value;
    const user = body.user.id;
    const team = body.team?.id ?? body.user.team_id ?? 'unknown';
    const container = body.container as { is_ephemeral?: boolean; channel_id?: string };
    const channel = body.channel?.id ?? container.channel_id ?? user;

    if (container.is_ephemeral || !body.message) {
      const reply = await ask(deps, value.ask, conversationKey.command(team, channel, user), { team, user });
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        ...renderReply(reply, { view, question, shareQuestion: value.ask }),
      });
      return;
    }

    const thread = typeof body.message.thread_ts === 'string' ? body.message.thread_ts : undefined;
    const key = isDirectChannel(channel)
      ? thread
        ? conversationKey.thread(team, channel, thread)
        : conversationKey.direct(team, user)
      : conversationKey.thread(team, channel, thread ?? body.message.ts);
    const reply = await ask(deps, value.ask, key, { team, user });
    const message = renderReply(reply, { view, question, nativeFeedback: true });
    try {
      await client.chat.update({ channel, ts: body.message.ts, ...message });
    } catch (err) {
      deps.logger.info(
        { err, platform: 'slack' },
        'slack: chat.update refused, replacing through the response URL',
      );
      await respond({ replace_original: true, ...renderReply(reply, { view, question }) });
    }
  };
}
