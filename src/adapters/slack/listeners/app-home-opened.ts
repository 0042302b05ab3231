import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type SlackDeps, slackUserKey } from '../answer.js';
import { homeWithProgress } from '../render/home-progress.js';

/** The App Home tab was opened: publish what the bot does, the model, examples and commands. */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
    if (event.tab !== 'home') return;
    // With onboarding on, the home shows the person's quiz progress and a Continue button.
    const progress = await deps.onboarding?.handle({
      text: 'progress',
      userKey: slackUserKey(body.team_id, event.user),
    });
    const view = progress?.kind === 'progress' ? homeWithProgress(deps.homeView, progress) : deps.homeView;
    await client.views.publish({ user_id: event.user, view });
  };
}
