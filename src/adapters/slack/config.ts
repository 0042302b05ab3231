import { type Checkers, type Env, str } from '../../settings.js';

/** The Slack adapter's settings. */
export interface SlackConfig {
  mode: 'http' | 'socket';
  /** One workspace: its bot token. Empty with `oauth` (each workspace's token is in the store). */
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Base URL of Slack's Web API; tests and proxies point it elsewhere. Ends with a slash. */
  apiUrl: string;
  /** Many workspaces: Bolt's OAuth install flow, each installation sealed in the store. Absent: one workspace. */
  oauth?: SlackOAuthConfig;
}

/** The OAuth settings (README, "Many workspaces (OAuth)"). */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the `state` of the install flow (Bolt's ClearStateStore). */
  stateSecret: string;
  /** AES-256-GCM key that seals each installation (its tokens) before it reaches the store: 32 bytes. */
  tokenKey: Buffer;
}

/** The settings that turn on the many-workspace (OAuth) mode; any one of them means OAuth was meant. */
export const OAUTH_SETTINGS = [
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_TOKEN_KEY',
] as const;

const OAUTH_EXPECTED: Record<(typeof OAUTH_SETTINGS)[number], string> = {
  SLACK_CLIENT_ID: "the app's Client ID (Basic Information page)",
  SLACK_CLIENT_SECRET: "the app's Client Secret (Basic Information page)",
  SLACK_STATE_SECRET:
    'a random string of at least 32 characters that signs the install link (openssl rand -hex 32)',
  SLACK_TOKEN_KEY:
    '32 random bytes as 64 hex or 44 base64 characters that encrypt the stored tokens (openssl rand -base64 32)',
};

/** Shortest SLACK_STATE_SECRET accepted: it signs the install flow's state (an HMAC key). */
const MIN_STATE_SECRET = 32;

/**
 * Slack is on when any Slack token or secret is set; then the mode decides what else is required. Adds
 * each problem to `problems`; null when Slack is off.
 *
 * Two ways to run, chosen by which settings are present: one workspace (SLACK_BOT_TOKEN), or many
 * (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_TOKEN_KEY: Bolt's OAuth install flow).
 * Both at once, or a part of the OAuth set, is refused with the variables named.
 */
export function slackConfig(env: Env, problems: string[], { url }: Checkers): SlackConfig | null {
  const botToken = str(env, 'SLACK_BOT_TOKEN');
  const signingSecret = str(env, 'SLACK_SIGNING_SECRET');
  const appToken = str(env, 'SLACK_APP_TOKEN');
  const apiUrl = url('SLACK_API_URL', 'https://slack.com/api/');
  const oauthSet = OAUTH_SETTINGS.filter((name) => str(env, name) !== undefined);
  if (!botToken && !signingSecret && !appToken && oauthSet.length === 0) return null;

  const modeRaw = str(env, 'SLACK_MODE') ?? (appToken ? 'socket' : 'http');
  if (modeRaw !== 'http' && modeRaw !== 'socket') {
    problems.push(`SLACK_MODE must be "http" or "socket" (got "${modeRaw}")`);
  }
  const mode = modeRaw === 'socket' ? 'socket' : 'http';

  let oauth: SlackOAuthConfig | undefined;
  if (oauthSet.length > 0) {
    oauth = oauthConfig(env, problems);
    if (botToken) {
      problems.push(
        `SLACK_BOT_TOKEN and ${oauthSet.join(', ')} are both set: choose one mode. SLACK_BOT_TOKEN answers one workspace; ` +
          'the OAuth settings (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_TOKEN_KEY) install the app in many. Unset the other.',
      );
    }
    if (mode === 'socket') {
      problems.push(
        `${appToken ? 'SLACK_APP_TOKEN (Socket Mode)' : 'SLACK_MODE=socket'} cannot be combined with the OAuth settings: the install ` +
          "pages and Slack's OAuth redirect need the public HTTP server, which Socket Mode exists to avoid. Use HTTP mode " +
          '(unset SLACK_APP_TOKEN and SLACK_MODE) for many workspaces, or SLACK_BOT_TOKEN for one workspace in Socket Mode.',
      );
    }
  } else if (!botToken) {
    problems.push(
      'SLACK_BOT_TOKEN is required for Slack: the bot token, starting with xoxb- (or, for many workspaces, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and SLACK_TOKEN_KEY)',
    );
  }
  if (botToken && !botToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must start with xoxb-');
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
  return { mode, botToken: botToken ?? '', signingSecret, appToken, apiUrl, ...(oauth ? { oauth } : {}) };
}

function oauthConfig(env: Env, problems: string[]): SlackOAuthConfig {
  for (const name of OAUTH_SETTINGS) {
    if (str(env, name) === undefined) {
      problems.push(`${name} is required for many workspaces (OAuth): ${OAUTH_EXPECTED[name]}`);
    }
  }
  const stateSecret = str(env, 'SLACK_STATE_SECRET') ?? '';
  if (stateSecret && stateSecret.length < MIN_STATE_SECRET) {
    problems.push(
      `SLACK_STATE_SECRET must be at least ${MIN_STATE_SECRET} characters (got ${stateSecret.length}): ${OAUTH_EXPECTED.SLACK_STATE_SECRET}`,
    );
  }
  const rawKey = str(env, 'SLACK_TOKEN_KEY');
  const tokenKey = rawKey === undefined ? Buffer.alloc(0) : parseTokenKey(rawKey);
  if (rawKey !== undefined && !tokenKey) {
    problems.push(
      `SLACK_TOKEN_KEY must be exactly 32 bytes, written as 64 hex characters or 44 base64 characters (got ${rawKey.length} characters that are neither): generate one with openssl rand -base64 32`,
    );
  }
  return {
    clientId: str(env, 'SLACK_CLIENT_ID') ?? '',
    clientSecret: str(env, 'SLACK_CLIENT_SECRET') ?? '',
    stateSecret,
    tokenKey: tokenKey ?? Buffer.alloc(0),
  };
}

/** A 32-byte key from 64 hex characters or standard/URL-safe base64; null for anything else. */
export function parseTokenKey(raw: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(raw)) {
    const key = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  return null;
}
