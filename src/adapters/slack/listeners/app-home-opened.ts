import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../answer.js';

/** The App Home tab was opened: publish what the bot does, the model, examples and commands. */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: deps.homeView });
  };
}
