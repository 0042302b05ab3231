import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { recordIfUnanswered } from '../../../feedback.js';
import { ask, type SlackDeps } from '../answer.js';
import { conversationKey } from '../conversation.js';
import { fromSlack } from '../inbound.js';
import { renderReply } from '../render/reply.js';

/** A direct message to the bot (`message.im`): the answer in the same DM (and thread, if it was in one). */
export function directMessage(deps: SlackDeps) {
  return async ({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>) => {
    if (event.channel_type !== 'im') return;
    if (event.subtype !== undefined) return; // edits, deletions, joins, bot_message, file shares…
    if (event.bot_id || !event.user) return; // other bots (our own are dropped by Bolt's ignoreSelf)
    const reply = await ask(
      deps,
      fromSlack(event.text ?? ''),
      conversationKey.direct(body.team_id, event.user),
      {
        team: body.team_id,
        user: event.user,
      },
    );
    await client.chat.postMessage({
      channel: event.channel,
      ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}),
      ...renderReply(reply),
    });
    await recordIfUnanswered(deps, 'slack', reply, event.user);
  };
}
