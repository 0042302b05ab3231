import { ORG } from '../../../core/answer/messages.js';
import { decodeAskTeam } from '../actions.js';
import type { SlackDeps } from '../answer.js';
import type { ButtonArgs } from '../click.js';
import { askTeamMessage } from '../render/ours.js';
import { SLACK_TEXT } from '../render/text.js';

/**
 * "Ask <team>": posts the question, the bot's answer and the asker (mentioned) in the owning team's
 * channel from the ownership file, records it, and tells the asker privately where it went. The team
 * is looked up by id in the file, so a button's value can never choose the channel.
 */
export function askTeam(deps: SlackDeps) {
  return async ({ ack, action, body, client, respond }: ButtonArgs) => {
    await ack();
    const value = decodeAskTeam(action.value);
    const team = value ? deps.engine.ourTeam?.(value.team, value.meta) : undefined;
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    if (!value || !team) {
      await tell(ORG.unknownTeam);
      return;
    }
    if (!team.slackChannel) {
      await tell(ORG.notSent(team.name));
      return;
    }
    try {
      await client.chat.postMessage({
        channel: team.slackChannel,
        ...askTeamMessage(team, body.user.id, value.question, value.answer),
      });
    } catch (err) {
      deps.logger.warn(
        { platform: 'slack', team: team.id, error: (err as { data?: { error?: unknown } }).data?.error },
        'slack: could not post to the team channel',
      );
      await tell(ORG.notSent(team.name));
      return;
    }
    await deps.feedback.record({
      type: 'ask_team',
      platform: 'slack',
      question: value.question,
      answer: value.meta,
      userId: body.user.id,
      team: team.id,
    });
    await tell(ORG.sent(team.name, SLACK_TEXT.channel(team.slackChannel)));
  };
}
