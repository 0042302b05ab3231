import { message } from '../helpers/teams/activities.js';
import { feedbackData, onlyCard } from '../helpers/teams/cards.js';
import { startTeamsHarness } from '../helpers/teams/harness.js';
import { chatContract } from './contract.js';

/**
 * Teams: the real botbuilder adapter on the real HTTP server, replying to the fake connector; each
 * conversation is one 1:1 chat. Teams does not deliver other bots' messages or the bot's own to a bot.
 */
chatContract({
  name: 'Teams',
  async start() {
    const h = await startTeamsHarness();
    const send = async (text: string, conversation: string) => {
      const where = { kind: 'personal' as const, id: `a:1contract-${conversation}` };
      const { sent } = await h.turn(
        message({ serviceUrl: h.connector.serviceUrl, text, where, mention: null }),
      );
      const activity = sent[0]?.activity;
      if (!activity) return null;
      return {
        summary: String(activity.summary ?? activity.text ?? ''),
        raw: JSON.stringify(sent),
        understood: sent[0] ? (feedbackData(onlyCard(sent[0]))?.question ?? null) : null,
      };
    };
    return {
      send,
      mention: (text) => `<at>srm</at> ${text}`,
      fromBot: null,
      hostile: {
        text: 'who patches [x](https://evil.example) <at>Bob</at> rds',
        live: /(?<!\\)\[x\]\(https:\/\/evil|(?<!\\)<at>Bob/,
      },
      close: () => h.close(),
    };
  },
});
