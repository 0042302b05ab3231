import { AwsLambdaReceiver } from '@slack/bolt';
import { bootEngine } from '../../boot.js';
import { loadConfig } from '../../config.js';
import { createFeedbackLog } from '../../feedback.js';
import { ConfigError } from '../../kb/errors.js';
import { createLogger } from '../../log.js';
import { buildSlackApp } from './app.js';
import { boltLogger } from './bolt-logger.js';

type Env = Record<string, string | undefined>;
type AwsHandler = Awaited<ReturnType<AwsLambdaReceiver['start']>>;
export type LambdaEvent = Parameters<AwsHandler>[0];
export type LambdaResult = Awaited<ReturnType<AwsHandler>>;

/**
 * An AWS Lambda entry point (API Gateway REST or HTTP API, or a function URL) for Slack's requests.
 * It is its own composition root: on the first invocation it reads the settings, loads the knowledge base,
 * checks the bot token and builds the Bolt app, then reuses them while the instance lives.
 * Settings: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET; SRM_FEEDBACK_LOG must point under /tmp (the rest of a
 * Lambda's file system is read-only).
 */
export function createLambdaHandler(
  env: Env = process.env,
): (event: LambdaEvent, context: unknown) => Promise<LambdaResult> {
  let ready: Promise<AwsHandler> | undefined;
  const init = async (): Promise<AwsHandler> => {
    const config = loadConfig(env);
    if (config.slack?.mode !== 'http' || !config.slack.signingSecret) {
      throw new ConfigError([
        'The Lambda handler needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (and SLACK_MODE unset or "http")',
      ]);
    }
    const logger = createLogger(config.logLevel).child({ platform: 'slack', mode: 'lambda' });
    const engine = bootEngine(config);
    const receiver = new AwsLambdaReceiver({
      signingSecret: config.slack.signingSecret,
      logger: boltLogger(logger),
    });
    const built = buildSlackApp({
      botToken: config.slack.botToken,
      apiUrl: config.slack.apiUrl,
      engine,
      feedback: createFeedbackLog(config.feedbackLog),
      logger,
      receiver,
      dropTimeoutRetries: true,
    });
    await built.verify();
    return receiver.start();
  };
  return async (event, context) => {
    ready ??= init().catch((err: unknown) => {
      ready = undefined; // try again on the next invocation
      throw err;
    });
    const handle = await ready;
    return handle(utf8Body(event), context);
  };
}

/**
 * Bolt 5.1's AwsLambdaReceiver decodes a base64 body as ASCII, which garbles any non-ASCII character
 * (an é, a dash, an emoji) and so fails the signature check with 401. HTTP APIs and function URLs send
 * base64 bodies, so decode them as UTF-8 here (tests/adapters/slack/lambda.test.ts "non-ASCII").
 */
function utf8Body(event: LambdaEvent): LambdaEvent {
  if (!event.isBase64Encoded || typeof event.body !== 'string') return event;
  return { ...event, body: Buffer.from(event.body, 'base64').toString('utf8'), isBase64Encoded: false };
}

/** The handler to configure in AWS: `dist/src/adapters/slack/lambda.handler`. */
export const handler = createLambdaHandler();
