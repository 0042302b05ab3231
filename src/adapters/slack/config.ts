import { type Checkers, type Env, str } from '../../settings.js';

/** The Slack adapter's settings. */
export interface SlackConfig {
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Base URL of Slack's Web API; tests and proxies point it elsewhere. Ends with a slash. */
  apiUrl: string;
}

/**
 * Slack is on when any Slack token or secret is set; then the mode decides what else is required. Adds
 * each problem to `problems`; null when Slack is off.
 */
export function slackConfig(env: Env, problems: string[], { url }: Checkers): SlackConfig | null {
  const botToken = str(env, 'SLACK_BOT_TOKEN');
  const signingSecret = str(env, 'SLACK_SIGNING_SECRET');
  const appToken = str(env, 'SLACK_APP_TOKEN');
  const apiUrl = url('SLACK_API_URL', 'https://slack.com/api/');
  if (botToken || signingSecret || appToken) {
    const modeRaw = str(env, 'SLACK_MODE') ?? (appToken ? 'socket' : 'http');
    if (modeRaw !== 'http' && modeRaw !== 'socket') {
      problems.push(`SLACK_MODE must be "http" or "socket" (got "${modeRaw}")`);
    }
    const mode = modeRaw === 'socket' ? 'socket' : 'http';
    if (!botToken) problems.push('SLACK_BOT_TOKEN is required for Slack: the bot token, starting with xoxb-');
    else if (!botToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must start with xoxb-');
    if (mode === 'http' && !signingSecret) {
      problems.push(
        "SLACK_SIGNING_SECRET is required in HTTP mode: the app's signing secret (Basic Information page)",
      );
    }
    if (mode === 'socket') {
      if (!appToken)
        problems.push('SLACK_APP_TOKEN is required in socket mode: an app-level token starting with xapp-');
      else if (!appToken.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN must start with xapp-');
    }
    return { mode, botToken: botToken ?? '', signingSecret, appToken, apiUrl };
  }
  return null;
}
