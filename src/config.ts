import { ConfigError } from './kb/errors.js';

/**
 * Settings, read once from the environment by the composition root (src/main.ts) and frozen.
 * Every problem is reported together, by variable name and what is expected, never with a secret's value.
 */

export interface SlackConfig {
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Base URL of Slack's Web API; tests and proxies point it elsewhere. Ends with a slash. */
  apiUrl: string;
}

export interface TeamsConfig {
  appId: string;
  appPassword: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string;
  /** True only for the Bot Framework Emulator and local tests: no authentication at all. */
  allowUnauthenticated: boolean;
}

export interface Config extends EngineConfig {
  production: boolean;
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  feedbackLog: string;
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function str(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === '' ? undefined : v;
}

function checkers(env: Env, problems: string[]) {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(env, name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string): boolean => {
    const raw = str(env, name);
    if (raw === undefined) return false;
    if (/^(true|1|yes)$/i.test(raw)) return true;
    if (/^(false|0|no)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return false;
  };
  const url = (name: string, fallback: string): string => {
    const raw = str(env, name) ?? fallback;
    try {
      const u = new URL(raw);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
      return raw.endsWith('/') ? raw : `${raw}/`;
    } catch {
      problems.push(`${name} must be an http(s) URL such as ${fallback} (got "${raw}")`);
      return fallback;
    }
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = str(env, name) ?? fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };
  return { int, bool, url, oneOf };
}

/** The settings the answer engine needs (the CLI reads only these). */
export interface EngineConfig {
  /** Folders of the knowledge base and intents; null = the ones shipped with the package. */
  dataDir: string | null;
  intentsDir: string | null;
  /** Idle time after which a conversation's follow-up context is forgotten. */
  contextTtlMs: number;
}

function engineConfig(env: Env, problems: string[]): EngineConfig {
  const { int } = checkers(env, problems);
  return {
    dataDir: str(env, 'SRM_DATA_DIR') ?? null,
    intentsDir: str(env, 'SRM_INTENTS_DIR') ?? null,
    contextTtlMs: int('SRM_CONTEXT_TTL_MINUTES', 30, 1, 24 * 60) * 60_000,
  };
}

/** Engine settings only; throws ConfigError naming each bad variable. */
export function loadEngineConfig(env: Env): Readonly<EngineConfig> {
  const problems: string[] = [];
  const c = engineConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(c);
}

/** Parses and validates settings; throws ConfigError listing every problem. */
export function loadConfig(env: Env): Readonly<Config> {
  const problems: string[] = [];

  const { int, bool, url, oneOf } = checkers(env, problems);

  const production = str(env, 'NODE_ENV') === 'production';
  const logLevel = oneOf('LOG_LEVEL', LOG_LEVELS, 'info');

  // Slack: on when any Slack token or secret is set; then the mode decides what else is required.
  let slack: SlackConfig | null = null;
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
    slack = { mode, botToken: botToken ?? '', signingSecret, appToken, apiUrl };
  }

  // Teams: on with an app id, or explicitly unauthenticated for the Emulator and tests.
  let teams: TeamsConfig | null = null;
  const appId = str(env, 'MicrosoftAppId');
  const allowUnauthenticated = bool('TEAMS_ALLOW_UNAUTHENTICATED');
  if (appId || allowUnauthenticated) {
    const appPassword = str(env, 'MicrosoftAppPassword') ?? '';
    const tenantId = str(env, 'MicrosoftAppTenantId') ?? '';
    // New Azure bots are single-tenant: with a tenant id and no type, that is the type. botbuilder
    // would otherwise ask the botframework.com tenant for tokens and every reply would fail.
    const appType = oneOf(
      'MicrosoftAppType',
      ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const,
      tenantId ? 'SingleTenant' : 'MultiTenant',
    );
    if (appId) {
      if (appType !== 'UserAssignedMSI' && !appPassword) {
        problems.push("MicrosoftAppPassword is required with MicrosoftAppId: the bot's client secret");
      }
      if (appType !== 'MultiTenant' && !tenantId) {
        problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}`);
      }
      if (appType === 'MultiTenant' && tenantId) {
        problems.push(
          'MicrosoftAppTenantId is set but MicrosoftAppType is MultiTenant, which ignores it: set MicrosoftAppType=SingleTenant (new Azure bots are single-tenant)',
        );
      }
      if (appType === 'UserAssignedMSI' && appPassword) {
        problems.push('MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI');
      }
    } else if (production) {
      problems.push(
        'TEAMS_ALLOW_UNAUTHENTICATED=true is refused when NODE_ENV=production: set MicrosoftAppId and MicrosoftAppPassword',
      );
    }
    teams = { appId: appId ?? '', appPassword, appType, tenantId, allowUnauthenticated: !appId };
  }

  const config: Config = {
    production,
    port: int('PORT', 3000, 0, 65535),
    host: str(env, 'HOST') ?? '0.0.0.0',
    logLevel,
    ...engineConfig(env, problems),
    feedbackLog: str(env, 'SRM_FEEDBACK_LOG') ?? 'var/feedback.jsonl',
    slack,
    teams,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
