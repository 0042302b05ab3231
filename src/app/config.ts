import { type SlackConfig, slackConfig } from '../adapters/slack/config.js';
import { type TeamsConfig, teamsConfig } from '../adapters/teams/config.js';
import { ConfigError } from '../kb/errors.js';
import { checkers, type Env, str } from '../settings.js';
import { type StoreConfig, storeConfig } from '../store/settings.js';
import { APP_TUNABLES } from './tunables.js';

/**
 * Settings, read once from the environment by the composition root (src/app/boot.ts, for src/app/server.ts, cli.ts and lambda.ts) and frozen. Each
 * adapter owns its part (adapters/slack/config.ts, adapters/teams/config.ts); this composes them.
 * Every problem is reported together, by variable name and what is expected, never with a secret's value.
 */

export interface Config extends EngineConfig {
  production: boolean;
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where conversations, event claims and feedback are kept (SQLite by default, PostgreSQL with DATABASE_URL). */
  store: StoreConfig;
  /** From SIGTERM to exit at the latest (SRM_SHUTDOWN_DEADLINE_SECONDS): a platform API that never answers holds no one. */
  shutdownDeadlineMs: number;
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The settings the answer engine needs (the CLI reads only these). */
export interface EngineConfig {
  /** Folders of the knowledge base and intents; null = the ones shipped with the package. */
  dataDir: string | null;
  intentsDir: string | null;
  /** Idle time after which a conversation's follow-up context is forgotten. */
  contextTtlMs: number;
  /** The company's ownership file (SRM_ORG_FILE); null = `org.yaml` beside the data folder, if any. */
  orgFile?: string | null;
}

function engineConfig(env: Env, problems: string[]): EngineConfig {
  const { int } = checkers(env, problems);
  return {
    dataDir: str(env, 'SRM_DATA_DIR') ?? null,
    intentsDir: str(env, 'SRM_INTENTS_DIR') ?? null,
    contextTtlMs: int('SRM_CONTEXT_TTL_MINUTES', 30, 1, 24 * 60) * 60_000,
    orgFile: str(env, 'SRM_ORG_FILE') ?? null,
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

  const check = checkers(env, problems);
  const { int, oneOf } = check;

  const production = str(env, 'NODE_ENV') === 'production';
  const logLevel = oneOf('LOG_LEVEL', LOG_LEVELS, 'info');

  const slack = slackConfig(env, problems, check);
  const teams = teamsConfig(env, problems, check, production);

  const config: Config = {
    production,
    port: int('PORT', 3000, 0, 65535),
    host: str(env, 'HOST') ?? '0.0.0.0',
    logLevel,
    ...engineConfig(env, problems),
    store: storeConfig(env, problems),
    shutdownDeadlineMs:
      int('SRM_SHUTDOWN_DEADLINE_SECONDS', APP_TUNABLES.shutdownDeadlineSeconds, 1, 600) * 1000,
    slack,
    teams,
  };
  hostProblems(env, config, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** Loopback addresses: only this machine can reach a server bound to one. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/**
 * Settings that only make sense together: unauthenticated Teams only on a loopback HOST set explicitly
 * (the default 0.0.0.0 is every interface), and production with neither platform configured is an error,
 * not a silent local chat that exits 0 with no terminal attached.
 */
function hostProblems(env: Env, config: Config, problems: string[]): void {
  const host = str(env, 'HOST');
  if (config.teams?.allowUnauthenticated && !(host && isLoopback(host))) {
    problems.push(
      `TEAMS_ALLOW_UNAUTHENTICATED=true needs HOST set to a loopback address (127.0.0.1 or ::1), so that only this machine can reach the unauthenticated endpoint (HOST is ${host ? `"${host}"` : 'not set, which listens on every interface'})`,
    );
  }
  if (config.production && !config.slack && !config.teams) {
    problems.push(
      'NODE_ENV=production but neither Slack (SLACK_BOT_TOKEN, SLACK_CLIENT_ID, SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) nor Teams (MicrosoftAppId) is configured',
    );
  }
}
