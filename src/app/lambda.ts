import { type LambdaEvent, type LambdaResult, startSlackLambda } from '../adapters/slack/lambda.js';
import { createFeedbackLog } from '../feedback.js';
import { ConfigError } from '../kb/errors.js';
import { createLogger } from '../log.js';
import type { Env } from '../settings.js';
import { bootEngine } from './boot.js';
import { loadConfig } from './config.js';

export type { LambdaEvent, LambdaResult };

/**
 * The AWS Lambda entry point for Slack's requests. On the first invocation it reads the settings, loads
 * the knowledge base, checks the bot token and builds the Bolt app, then reuses them while the instance
 * lives (a failed start is tried again on the next invocation). Settings: SLACK_BOT_TOKEN,
 * SLACK_SIGNING_SECRET; SRM_FEEDBACK_LOG must point under /tmp (the rest of a Lambda's file system is
 * read-only).
 */
export function createLambdaHandler(
  env: Env = process.env,
): (event: LambdaEvent, context: unknown) => Promise<LambdaResult> {
  type Handle = Awaited<ReturnType<typeof startSlackLambda>>;
  let ready: Promise<Handle> | undefined;
  const init = async (): Promise<Handle> => {
    const config = loadConfig(env);
    const slack = config.slack;
    if (slack?.mode !== 'http' || !slack.signingSecret) {
      throw new ConfigError([
        'The Lambda handler needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (and SLACK_MODE unset or "http")',
      ]);
    }
    return startSlackLambda({
      config: { ...slack, signingSecret: slack.signingSecret },
      engine: bootEngine(config),
      logger: createLogger(config.logLevel).child({ platform: 'slack', mode: 'lambda' }),
      feedback: createFeedbackLog(config.feedbackLog),
    });
  };
  return async (event, context) => {
    ready ??= init().catch((err: unknown) => {
      ready = undefined; // try again on the next invocation
      throw err;
    });
    return (await ready)(event, context);
  };
}

/** The handler to configure in AWS: `dist/src/app/lambda.handler`. */
export const handler = createLambdaHandler();
