import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { recordIfUnanswered } from '../../../feedback.js';
import { ask, type SlackDeps } from '../answer.js';
import { conversationKey } from '../conversation.js';
import { fromSlack } from '../inbound.js';
import { renderReply } from '../render/reply.js';

/** `@srm who patches RDS?` in a channel: the answer goes in a thread under the question. */
export function appMention(deps: SlackDeps) {
  return async ({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>) => {
    if (event.bot_id || event.subtype) return; // other bots, edits
    const root = event.thread_ts ?? event.ts;
    const text = fromSlack(event.text);
    const reply = await ask(deps, text, conversationKey.thread(body.team_id, event.channel, root), {
      team: body.team_id,
      user: event.user ?? 'unknown',
    });
    await client.chat.postMessage({ channel: event.channel, thread_ts: root, ...renderReply(reply) });
    await recordIfUnanswered(deps, 'slack', reply, event.user ?? 'unknown');
  };
}
