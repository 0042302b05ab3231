import { Assistant, type AssistantUserMessageMiddleware } from '@slack/bolt';
import { recordIfUnanswered } from '../../feedback.js';
import { ask, type SlackDeps } from './answer.js';
import { conversationKey } from './conversation.js';
import { fromSlack } from './inbound.js';
import { renderReply } from './render/reply.js';
import { SLACK_TEXT } from './render/text.js';

/**
 * Slack's assistant panel ("Agents & AI Apps"), with Bolt's `Assistant`:
 * - a new thread gets a title and the suggested prompts;
 * - a message in the thread is answered there, with a "looking that up" status while the engine works
 *   (Slack clears it when the answer is posted). Each assistant thread is one conversation, so
 *   follow-ups ("and lambda?") keep the thread's topic.
 * Without the feature (no paid plan, or not turned on in the manifest) Slack sends none of these events
 * and the app answers DMs and mentions as before. Bolt treats any reply in a DM thread as an assistant
 * message, so the status is best effort: outside an assistant thread Slack refuses it and the answer is
 * still posted. The thread context Slack sends (the channel being viewed) is not used, so it is not stored.
 */
export function srmAssistant(deps: SlackDeps): Assistant {
  const userMessage: AssistantUserMessageMiddleware = async ({ message, body, client, setStatus }) => {
    if (message.subtype !== undefined || !('user' in message) || !message.user) return;
    if ('bot_id' in message && message.bot_id) return;
    const thread = 'thread_ts' in message ? message.thread_ts : undefined;
    if (!thread) return;
    const text = 'text' in message ? (message.text ?? '') : '';
    try {
      await setStatus(SLACK_TEXT.assistant.status);
    } catch (err) {
      deps.logger.debug({ err, platform: 'slack' }, 'slack: assistant status not set');
    }
    const team = (body as { team_id?: string }).team_id ?? 'unknown';
    const reply = await ask(deps, fromSlack(text), conversationKey.thread(team, message.channel, thread), {
      team,
      user: message.user,
    });
    await client.chat.postMessage({
      channel: message.channel,
      thread_ts: thread,
      ...renderReply(reply, { nativeFeedback: true }),
    });
    await recordIfUnanswered(deps, { platform: 'slack', team, userId: message.user }, reply);
  };

  return new Assistant({
    threadStarted: async ({ setTitle, setSuggestedPrompts }) => {
      await setTitle(SLACK_TEXT.assistant.title);
      await setSuggestedPrompts({
        title: SLACK_TEXT.assistant.promptsTitle,
        prompts: SLACK_TEXT.assistant.prompts.map((p) => ({ ...p })),
      });
    },
    // Bolt's default saves the viewed channel by editing the thread's first message; nothing here uses it.
    threadContextChanged: async () => {},
    userMessage,
  });
}
