import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Reply } from '../../core/reply.js';
import type { AnswerRef, Asker } from '../../feedback.js';
import { ask, type SlackDeps } from './answer.js';
import { conversationKey, isDirectChannel } from './conversation.js';
import { renderReply } from './render/reply.js';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

interface Container {
  type?: string;
  is_ephemeral?: boolean;
  channel_id?: string;
  message_ts?: string;
  view_id?: string;
}

/**
 * Answers a clicked follow-up or choice button (its value is the question) where the button was:
 * - App Home: in the app's direct messages with the clicker;
 * - an ephemeral `/srm` answer: ephemerally again, through the response URL (`replaceEphemeral` swaps the
 *   "did you mean" message for its answer);
 * - a direct message: in the same conversation (and thread, if it was in one);
 * - a channel: in the answer's thread, saying who asked. If the bot is not in that channel (an answer
 *   shared from `/srm`), the clicker gets the answer privately instead.
 */
export async function answerClick(
  deps: SlackDeps,
  args: ButtonArgs,
  opts: { replaceEphemeral: boolean },
): Promise<Reply> {
  const { body, action, client, respond } = args;
  const question = action.value ?? '';
  const user = body.user.id;
  const team = body.team?.id ?? body.user.team_id ?? 'unknown';
  const container = body.container as Container;

  if (body.view?.type === 'home' || container.type === 'view') {
    const reply = await ask(deps, question, conversationKey.direct(team, user), { team, user });
    await client.chat.postMessage({ channel: user, ...renderReply(reply, { nativeFeedback: true }) });
    return reply;
  }

  const channel = body.channel?.id ?? container.channel_id ?? user;
  if (container.is_ephemeral || !body.message) {
    const reply = await ask(deps, question, conversationKey.command(team, channel, user), { team, user });
    await respond({
      response_type: 'ephemeral',
      replace_original: opts.replaceEphemeral,
      ...renderReply(reply, { shareQuestion: question }),
    });
    return reply;
  }

  const threadTs = typeof body.message.thread_ts === 'string' ? body.message.thread_ts : undefined;
  if (isDirectChannel(channel)) {
    const reply = await ask(deps, question, conversationKey.direct(team, user), { team, user });
    await client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...renderReply(reply, { nativeFeedback: true }),
    });
    return reply;
  }

  const root = threadTs ?? body.message.ts;
  const reply = await ask(deps, question, conversationKey.thread(team, channel, root), { team, user });
  try {
    await client.chat.postMessage({
      channel,
      thread_ts: root,
      ...renderReply(reply, { askedBy: { user, question }, nativeFeedback: true }),
    });
  } catch (err) {
    if (!isNotInChannel(err)) throw err;
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(reply) });
  }
  return reply;
}

/** Who clicked, for a feedback row. */
export function clicker({ body }: Pick<ButtonArgs, 'body'>): Asker {
  return { platform: 'slack', team: body.team?.id ?? body.user.team_id ?? null, userId: body.user.id };
}

/**
 * The answer a button was on: the message's channel and ts as Slack sends them with the click (also for
 * an ephemeral message), or the App Home view; undefined when the payload names neither.
 */
export function answerRef(body: {
  container?: unknown;
  channel?: { id?: string } | undefined;
  message?: { ts?: string } | undefined;
}): AnswerRef | undefined {
  const container = (body.container ?? {}) as Container;
  if (container.type === 'view' && container.view_id) {
    return { conversation: 'view', message: container.view_id };
  }
  const conversation = container.channel_id ?? body.channel?.id;
  const message = container.message_ts ?? body.message?.ts;
  return conversation && message ? { conversation, message } : undefined;
}

function isNotInChannel(err: unknown): boolean {
  const code = (err as { data?: { error?: unknown } }).data?.error;
  return code === 'not_in_channel' || code === 'channel_not_found';
}
