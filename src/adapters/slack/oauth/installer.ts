import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTTPReceiverOptions, Installation } from '@slack/bolt';
import { ConfigError } from '../../../kb/errors.js';
import { correlationId, type Logger } from '../../../log.js';
import { PACKAGE_ROOT } from '../../../package-root.js';
import type { InstallationVault } from '../../../store/types.js';
import type { SlackOAuthConfig } from '../config.js';
import { type InstallOutcome, installPage } from '../render/install-page.js';
import { installationId, installationStore, type SlackInstallations } from './installation-store.js';
import { createSealer } from './seal.js';

/** Where a browser starts an install, and where Slack sends it back with the code (Bolt's defaults). */
export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** The app's manifest: its bot scopes are the ones the install asks for (one source of truth). */
export const MANIFEST_FILE = join(PACKAGE_ROOT, 'manifest.json');

/** The bot scopes of a Slack app manifest (`oauth_config.scopes.bot`). Throws ConfigError naming the file. */
export function manifestBotScopes(file = MANIFEST_FILE): string[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([
      `${file}: cannot read the app manifest for the install's scopes (${(err as Error).message})`,
    ]);
  }
  const scopes = (manifest as { oauth_config?: { scopes?: { bot?: unknown } } }).oauth_config?.scopes?.bot;
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === 'string' && s)) {
    throw new ConfigError([`${file}: oauth_config.scopes.bot must list the bot scopes the install asks for`]);
  }
  return scopes as string[];
}

/** The project's installation store for the OAuth settings: sealed with SLACK_TOKEN_KEY, kept in `vault`. */
export function sealedInstallations(oauth: SlackOAuthConfig, vault: InstallationVault): SlackInstallations {
  return installationStore(vault, createSealer(oauth.tokenKey));
}

/**
 * What Bolt's HTTPReceiver needs to run the OAuth install flow itself (InstallProvider from @slack/oauth):
 * /slack/install redirects the browser to Slack's consent page with a signed `state` in a cookie,
 * /slack/oauth_redirect checks that state, exchanges the code with oauth.v2.access, and stores the
 * installation; every request is then authorized from the store, and a bot token about to expire (token
 * rotation) is refreshed and stored again by Bolt. Here only the pages at the end and their log lines.
 */
export function oauthReceiverOptions(opts: {
  oauth: SlackOAuthConfig;
  installations: SlackInstallations;
  apiUrl: string;
  logger: Logger;
  scopes?: string[];
}): Pick<
  HTTPReceiverOptions,
  'clientId' | 'clientSecret' | 'stateSecret' | 'installationStore' | 'scopes' | 'installerOptions'
> {
  const { oauth, logger } = opts;
  const send = (res: import('node:http').ServerResponse, outcome: InstallOutcome) => {
    const { status, html } = installPage(outcome);
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  };
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: opts.installations,
    scopes: opts.scopes ?? manifestBotScopes(),
    installerOptions: {
      installPath: SLACK_INSTALL_PATH,
      redirectUriPath: SLACK_OAUTH_REDIRECT_PATH,
      // The install link goes straight to Slack's consent page (no landing page of ours in between).
      directInstall: true,
      // oauth.v2.access and auth.test go through the configured API URL, like every other call.
      clientOptions: { slackApiUrl: opts.apiUrl },
      callbackOptions: {
        success(installation: Installation, _options, _req, res) {
          const id = installationId(installation);
          logger.info(
            {
              platform: 'slack',
              installation: id,
              enterprise: installation.isEnterpriseInstall === true,
              tokenRotation: installation.bot?.refreshToken !== undefined,
            },
            'slack: installed (installation stored, sealed)',
          );
          const workspace = installation.team?.name ?? installation.enterprise?.name ?? id;
          const openUrl = installation.isEnterpriseInstall
            ? (installation.enterpriseUrl ?? 'https://app.slack.com/')
            : `https://app.slack.com/client/${encodeURIComponent(id)}`;
          send(res, { kind: 'installed', workspace, openUrl });
        },
        failure(error, _options, _req, res) {
          const outcome = failureOutcome(error.code);
          if (outcome.kind === 'failed') {
            logger.error(
              { err: error, code: error.code, platform: 'slack', correlationId: outcome.correlationId },
              'slack: install failed',
            );
          } else {
            logger.info(
              { code: error.code, platform: 'slack', outcome: outcome.kind },
              'slack: install not completed',
            );
          }
          send(res, outcome);
        },
      },
    },
  };
}

/** The page for an error of Bolt's OAuth flow (@slack/oauth's error codes). */
function failureOutcome(code: string): InstallOutcome {
  switch (code) {
    // The user pressed Cancel on Slack's consent page (?error=access_denied).
    case 'slack_oauth_installer_authorization_error':
      return { kind: 'cancelled' };
    case 'slack_oauth_missing_state':
    case 'slack_oauth_invalid_state':
      return { kind: 'expired' };
    case 'slack_oauth_missing_code':
      return { kind: 'no-code' };
    default:
      return { kind: 'failed', correlationId: correlationId() };
  }
}
