import { type Logger as BoltLogger, webApi } from '@slack/bolt';
import { SrmError } from '../../kb/errors.js';
import { SLACK_TUNABLES } from './tunables.js';

/** Who the bot is in its workspace; needed to ignore its own messages and strip its mention. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId: string | undefined;
}

/** Slack could not be reached or refused the bot token at start-up. The message says what to check. */
export class SlackStartupError extends SrmError {}

/**
 * Checks SLACK_BOT_TOKEN once, deliberately, with `auth.test` through the configured API URL. Bolt would
 * otherwise call it from its constructor, where a failure is an unhandled rejection that ends the process
 * with no useful message. One attempt, no retries: a wrong URL or token fails in seconds.
 */
export async function verifyBotToken(
  apiUrl: string,
  token: string,
  logger: BoltLogger,
): Promise<BotIdentity> {
  const client = new webApi.WebClient(token, {
    slackApiUrl: apiUrl,
    logger,
    retryConfig: { retries: 0 },
    timeout: SLACK_TUNABLES.startupCheckTimeoutMs,
  });
  const where = `${apiUrl}auth.test`;
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (err) {
    throw explain(err, where);
  }
  if (!result.bot_id || !result.user_id) {
    throw new SlackStartupError(
      'SLACK_NOT_A_BOT_TOKEN',
      `SLACK_BOT_TOKEN is not a bot token: ${where} answered without a bot id. Use the app's Bot User OAuth Token (xoxb-…).`,
    );
  }
  return { botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id };
}

function explain(err: unknown, where: string): SlackStartupError {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number; original?: Error };
  if (e.code === webApi.ErrorCode.PlatformError) {
    return new SlackStartupError(
      'SLACK_AUTH_FAILED',
      `Slack refused SLACK_BOT_TOKEN: ${where} answered "${e.data?.error ?? 'unknown error'}". Check the token ` +
        '(OAuth & Permissions → Bot User OAuth Token, starting with xoxb-) and that the app is installed in the workspace.',
      { cause: err },
    );
  }
  if (e.code === webApi.ErrorCode.HTTPError) {
    return new SlackStartupError(
      'SLACK_API_HTTP_ERROR',
      `Slack's Web API at ${where} answered HTTP ${e.statusCode ?? '?'}. Check SLACK_API_URL (default https://slack.com/api/).`,
      { cause: err },
    );
  }
  const reason = e.original?.message ?? (err instanceof Error ? err.message : String(err));
  return new SlackStartupError(
    'SLACK_API_UNREACHABLE',
    `Could not reach Slack's Web API at ${where} (${reason}). Check SLACK_API_URL and the network (proxy, firewall).`,
    { cause: err },
  );
}
