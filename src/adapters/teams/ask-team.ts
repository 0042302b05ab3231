import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { ORG } from '../../core/answer/messages.js';
import type { OurTeam } from '../../core/reply.js';
import type { CardAction } from './actions.js';
import type { TeamsDeps } from './answer.js';
import { userOf } from './conversation.js';
import { TEAMS_CHANNEL_TEXT } from './render/ours.js';

/**
 * "Ask <team>": posts the question, the bot's answer and the asker (mentioned) as a new post in the
 * owning team's Teams channel from the ownership file (a proactive message through the same service URL
 * the click came from), records it, and returns what to tell the asker. The team is looked up by id in
 * the file, so a card's data can never choose the channel.
 */
export async function askTeam(
  deps: TeamsDeps,
  context: TurnContext,
  action: Extract<CardAction, { srm: 'ask_team' }>,
): Promise<string> {
  const team = deps.engine.ourTeam?.(action.team, action.meta);
  if (!team) return ORG.unknownTeam;
  const channel = team.teamsChannel ? channelId(team.teamsChannel) : null;
  if (!channel) return ORG.notSent(team.name);
  const asker = userOf(context.activity);
  const post = askTeamActivity(team, asker, action.question, action.answer);
  const reference: Partial<ConversationReference> = {
    channelId: context.activity.channelId,
    serviceUrl: context.activity.serviceUrl,
    bot: context.activity.recipient,
    conversation: {
      id: channel,
      isGroup: true,
      conversationType: 'channel',
      name: team.name,
      ...(context.activity.conversation?.tenantId
        ? { tenantId: context.activity.conversation.tenantId }
        : {}),
    },
  };
  try {
    await context.adapter.continueConversationAsync(deps.appId ?? '', reference, async (ctx) => {
      await ctx.sendActivity(post);
    });
  } catch (err) {
    deps.logger.warn(
      { platform: 'teams', team: team.id, error: err instanceof Error ? err.message : String(err) },
      'teams: could not post to the team channel',
    );
    return ORG.notSent(team.name);
  }
  await deps.feedback.record({
    type: 'ask_team',
    platform: 'teams',
    question: action.question,
    answer: action.meta,
    userId: asker.id,
    team: team.id,
  });
  return ORG.sent(team.name, TEAMS_CHANNEL_TEXT.where);
}

/** The channel's conversation id, from a channel link (`/l/channel/<id>/<name>`) or the id itself. */
export function channelId(linkOrId: string): string | null {
  if (!linkOrId.startsWith('https://')) return linkOrId;
  const m = /\/l\/channel\/([^/?#]+)/.exec(linkOrId);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

/** The post: a markdown message that mentions the asker, so they are notified of the team's replies. */
function askTeamActivity(
  team: OurTeam,
  asker: { id: string; name: string | undefined },
  question: string,
  answer: string,
): Partial<Activity> {
  const name = (asker.name ?? 'Someone').replace(/[<>]/g, '').slice(0, 100);
  const mention = `<at>${name}</at>`;
  return {
    type: 'message',
    textFormat: 'markdown',
    text: TEAMS_CHANNEL_TEXT.post(team, mention, question, answer),
    entities: [{ type: 'mention', text: mention, mentioned: { id: asker.id, name } }],
  };
}
