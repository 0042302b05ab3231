import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Reply } from '../../../core/reply.js';
import { recordIfUnanswered } from '../../../feedback.js';
import { answerEarly, type SlackDeps } from '../answer.js';
import { conversationKey } from '../conversation.js';
import { serializeOnce } from '../dispatch.js';
import { fromSlack } from '../inbound.js';
import { renderReply } from '../render/reply.js';

/**
 * `/srm <question>`: an ephemeral answer with a "Share in channel" button. The core handles the commands
 * (`help`, `service rds`, `model`, `controls`); `/srm` alone asks for help.
 *
 * The answer goes in the body of the acknowledgement (Slack shows an immediate response from the HTTP 200
 * of a slash command), so there is no second HTTP call: the engine answers in well under a millisecond,
 * far inside Slack's three seconds. The response URL is left for later updates (Details, Share).
 *
 * The ack does not wait for the follow-up context to be written: the write is started before the ack and
 * awaited after it (the request stays in flight until it is done). A follow-up in the same conversation
 * waits for it before reading (Conversations.answer). A failed write is logged; the answer was shown.
 */
/**
 * The ack body of a reply. The engine hands out the same frozen reply for the same question in the same
 * context (its answer cache), so the rendered body is kept beside it (a WeakMap: gone with the reply),
 * with its JSON; nothing changes a kept body.
 */
const rendered = new WeakMap<Reply, { question: string; body: AckBody }>();
type AckBody = { response_type: 'ephemeral' } & ReturnType<typeof renderReply>;
function ackBody(reply: Reply, question: string): AckBody {
  const kept = rendered.get(reply);
  if (kept && kept.question === question) return kept.body;
  const body: AckBody = { response_type: 'ephemeral', ...renderReply(reply, { shareQuestion: question }) };
  // Kept and acked as it is from now on: its JSON is made once (dispatch.ts).
  if (Object.isFrozen(reply)) rendered.set(reply, { question, body: serializeOnce(body) });
  return body;
}

export function srmCommand(deps: SlackDeps) {
  return async ({ command, ack }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const text = fromSlack(command.text) || 'help';
    let answered: Awaited<ReturnType<typeof answerEarly>>;
    try {
      answered = await answerEarly(
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
    const { reply, saved } = answered;
    await ack(ackBody(reply, text));
    try {
      await saved;
    } catch (err) {
      deps.logger.warn(
        { err, platform: 'slack', kind: 'command:/srm' },
        'slack: the follow-up context was not saved (the answer was sent)',
      );
    }
    await recordIfUnanswered(
      deps,
      { platform: 'slack', team: command.team_id, userId: command.user_id },
      reply,
    );
  };
}
