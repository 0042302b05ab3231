import { type LambdaEvent, type LambdaResult, startSlackLambda } from '../adapters/slack/lambda.js';
import { adapterState } from '../adapters/state.js';
import { ConfigError } from '../kb/errors.js';
import { createLogger } from '../log.js';
import type { Env } from '../settings.js';
import { openStore } from '../store/index.js';
import { loadConfig } from './config.js';
import { startEngine } from './start.js';

export type { LambdaEvent, LambdaResult };

/**
 * The AWS Lambda entry point for Slack's requests. On the first invocation it reads the settings, loads
 * the knowledge base, checks the bot token and builds the Bolt app, then reuses them while the instance
 * lives (a failed start is tried again on the next invocation). Settings: SLACK_BOT_TOKEN (or the OAuth
 * settings, installations made by the HTTP server's /slack/install and shared through DATABASE_URL),
 * SLACK_SIGNING_SECRET, and DATABASE_URL (PostgreSQL, e.g. RDS) so that every instance shares the
 * conversations, event claims and feedback. Without it the state is a SQLite file in SRM_STATE_DIR,
 * by default /tmp/srm-state (the rest of a Lambda's file system is read-only): one per instance, lost
 * when the instance is recycled.
 */
export function createLambdaHandler(
  env: Env = process.env,
): (event: LambdaEvent, context: unknown) => Promise<LambdaResult> {
  type Handle = Awaited<ReturnType<typeof startSlackLambda>>;
  let ready: Promise<Handle> | undefined;
  const init = async (): Promise<Handle> => {
    const config = loadConfig(lambdaEnv(env));
    const slack = config.slack;
    if (slack?.mode !== 'http' || !slack.signingSecret) {
      throw new ConfigError([
        'The Lambda handler needs SLACK_BOT_TOKEN (or, for many workspaces, the OAuth settings) and SLACK_SIGNING_SECRET (and SLACK_MODE unset or "http")',
      ]);
    }
    // Many workspaces: the installations come from the install flow of the HTTP server (npm start), which
    // Lambda cannot run; a SQLite file in this instance's /tmp would never hold one.
    if (slack.oauth && config.store.engine !== 'postgres') {
      throw new ConfigError([
        'DATABASE_URL is required by the Lambda handler with the OAuth settings (SLACK_CLIENT_ID…): the installations are made by /slack/install on the HTTP server (npm start) and must be read from the same PostgreSQL database, with the same SLACK_TOKEN_KEY (README, "Many workspaces (OAuth)")',
      ]);
    }
    const logger = createLogger(config.logLevel).child({ platform: 'slack', mode: 'lambda' });
    const engine = await startEngine(config);
    // Opened once per instance and never closed: the pool (or file) is reused while the instance lives.
    const store = await openStore(config.store, {
      onSweepError: (err) => logger.warn({ err }, 'store: sweeping expired rows failed'),
    });
    if (store.engine === 'sqlite') {
      logger.warn('state is in SQLite on this instance only: set DATABASE_URL to share it between instances');
    }
    try {
      return await startSlackLambda({
        config: { ...slack, signingSecret: slack.signingSecret },
        engine,
        logger,
        state: adapterState(engine, store, config.contextTtlMs, logger),
        installations: store.installations,
      });
    } catch (err) {
      await store.close(); // the next invocation opens it again
      throw err;
    }
  };
  return async (event, context) => {
    ready ??= init().catch((err: unknown) => {
      ready = undefined; // try again on the next invocation
      throw err;
    });
    return (await ready)(event, context);
  };
}

/** The Lambda's writable folder is /tmp: SQLite goes there unless DATABASE_URL or SRM_STATE_DIR says otherwise. */
export const LAMBDA_STATE_DIR = '/tmp/srm-state';

function lambdaEnv(env: Env): Env {
  if (env.DATABASE_URL?.trim() || env.SRM_STATE_DIR?.trim()) return env;
  return { ...env, SRM_STATE_DIR: LAMBDA_STATE_DIR };
}

/** The handler to configure in AWS: `dist/src/app/lambda.handler`. */
export const handler = createLambdaHandler();
