import type { ApiCall } from '../helpers/slack/fake-slack.js';
import { feedbackOf, startSlackHarness } from '../helpers/slack/harness.js';
import { directMessage, eventCallback, IDS, postEvent } from '../helpers/slack/requests.js';
import { chatContract } from './contract.js';

/** Slack: the real Bolt app over HTTP against the fake Slack; each conversation is one person's DM. */
chatContract({
  name: 'Slack',
  async start() {
    const h = await startSlackHarness();
    const ids = (conversation: string) => {
      const tag = conversation.toUpperCase().replace(/[^A-Z0-9]/g, '');
      return { channel: `D0${tag}`, user: `U0${tag}` };
    };
    const postsTo = (channel: string) =>
      h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
    const shown = (call: ApiCall) => ({
      summary: String(call.args.text ?? '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
      raw: JSON.stringify(call.args),
      understood: feedbackOf(call.args)?.question ?? null,
    });
    const deliver = async (event: Record<string, unknown>, channel: string) => {
      const before = postsTo(channel).length;
      await postEvent(h.url, eventCallback(event));
      return h.fake.waitFor(() => postsTo(channel)[before], `a reply in ${channel}`);
    };
    return {
      async send(text, conversation) {
        const { channel, user } = ids(conversation);
        return shown(await deliver(directMessage({ text, channel, user }), channel));
      },
      mention: (text) => `<@${IDS.bot.user}> ${text}`,
      async fromBot(text, conversation, who) {
        const { channel } = ids(conversation);
        const bot = who === 'self' ? IDS.bot : IDS.otherBot;
        await postEvent(
          h.url,
          eventCallback(directMessage({ text, channel, user: bot.user, bot_id: bot.id })),
        );
        // Events are answered in order: once a later question is answered, an earlier one would have been.
        const later = ids(`${conversation}later`);
        await deliver(directMessage({ text: 'who patches s3', ...later }), later.channel);
        return postsTo(channel)[0] ? shown(postsTo(channel)[0] as ApiCall) : null;
      },
      hostile: {
        text: 'who patches <!channel> rds <@U0BOB> <https://evil.example|click>',
        live: /<!channel>|<@U0BOB>|<https:\/\/evil/,
      },
      close: () => h.close(),
    };
  },
});
