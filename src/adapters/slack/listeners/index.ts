import type { App, BlockAction, BlockButtonAction } from '@slack/bolt';
import { ACTION } from '../actions.js';
import type { SlackDeps } from '../answer.js';
import { srmAssistant } from '../assistant.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { askTeam } from './ask-team.js';
import { choice } from './choice.js';
import { directMessage } from './direct-message.js';
import { feedback } from './feedback.js';
import { followUp } from './follow-up.js';
import { share } from './share.js';
import { srmCommand } from './srm-command.js';
import { toggle } from './toggle.js';
import { uninstall } from './uninstall.js';

const numbered = (prefix: string) => new RegExp(`^${prefix}_\\d+$`);

/** Every Slack listener, one module each. */
export function registerListeners(app: App, deps: SlackDeps): void {
  // First: the assistant panel's events and messages stop here; everything else goes on to the listeners.
  app.assistant(srmAssistant(deps));
  app.event('app_mention', appMention(deps));
  app.event('message', directMessage(deps));
  app.event('app_home_opened', appHomeOpened(deps));
  app.command('/srm', srmCommand(deps));
  app.action<BlockButtonAction>(numbered(ACTION.followUp), followUp(deps));
  app.action<BlockButtonAction>(numbered(ACTION.choice), choice(deps));
  app.action<BlockAction>(
    new RegExp(`^(?:${ACTION.helpful}|${ACTION.notQuite}|${ACTION.nativeFeedback})$`),
    feedback(deps),
  );
  app.action<BlockButtonAction>(ACTION.share, share(deps));
  app.action<BlockButtonAction>(new RegExp(`^(?:${ACTION.details}|${ACTION.less})$`), toggle(deps));
  app.action<BlockButtonAction>(ACTION.askTeam, askTeam(deps));
  // Many workspaces (OAuth) only: an uninstall deletes the workspace's installation.
  if (deps.installations) {
    const onUninstall = uninstall({ installations: deps.installations, logger: deps.logger });
    app.event('app_uninstalled', onUninstall);
    app.event('tokens_revoked', onUninstall);
  }
}
