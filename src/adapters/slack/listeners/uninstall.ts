import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import { queryId, type SlackInstallations } from '../oauth/installation-store.js';

/**
 * Many workspaces (OAuth): `app_uninstalled`, and `tokens_revoked` with bot tokens, delete the
 * workspace's installation (Bolt skips authorize for these two events, so they arrive although the token
 * is already dead). From then on its requests find no installation and are ignored, with one log line
 * each (error-boundary.ts). A revocation of user tokens only leaves the installation alone: the bot
 * holds none.
 */
export function uninstall(deps: { installations: SlackInstallations; logger: Logger }) {
  return async ({
    event,
    context,
  }: SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'> & AllMiddlewareArgs): Promise<void> => {
    if (event.type === 'tokens_revoked' && (event.tokens.bot ?? []).length === 0) {
      deps.logger.info(
        { platform: 'slack', team: context.teamId },
        'slack: user tokens revoked; installation kept',
      );
      return;
    }
    const query = {
      teamId: context.teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: context.isEnterpriseInstall === true,
    };
    await deps.installations.deleteInstallation(query);
    deps.logger.info(
      { platform: 'slack', installation: queryId(query), reason: event.type },
      'slack: uninstalled: installation deleted, requests from it are ignored from now on',
    );
  };
}
