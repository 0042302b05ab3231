import { AwsLambdaReceiver } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import type { Logger } from '../../log.js';
import type { AdapterState } from '../state.js';
import { buildSlackApp } from './app.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackConfig } from './config.js';

type AwsHandler = Awaited<ReturnType<AwsLambdaReceiver['start']>>;
export type LambdaEvent = Parameters<AwsHandler>[0];
export type LambdaResult = Awaited<ReturnType<AwsHandler>>;

/**
 * The Slack app behind Bolt's AwsLambdaReceiver (API Gateway REST or HTTP API, or a function URL):
 * checks the bot token, then returns the function that answers one invocation. The entry point that
 * reads the settings and boots the engine is src/app/lambda.ts.
 */
export async function startSlackLambda(opts: {
  config: SlackConfig & { signingSecret: string };
  engine: Engine;
  logger: Logger;
  state: AdapterState;
}): Promise<(event: LambdaEvent, context: unknown) => Promise<LambdaResult>> {
  const receiver = new AwsLambdaReceiver({
    signingSecret: opts.config.signingSecret,
    logger: boltLogger(opts.logger),
  });
  const built = buildSlackApp({
    botToken: opts.config.botToken,
    apiUrl: opts.config.apiUrl,
    engine: opts.engine,
    state: opts.state,
    logger: opts.logger,
    receiver,
    dropTimeoutRetries: true,
  });
  await built.verify();
  const handle = await receiver.start();
  return (event, context) => handle(utf8Body(event), context);
}

/**
 * Bolt 5.1's AwsLambdaReceiver decodes a base64 body as ASCII, which garbles any non-ASCII character
 * (an é, a dash, an emoji) and so fails the signature check with 401. HTTP APIs and function URLs send
 * base64 bodies, so decode them as UTF-8 here (tests/app/lambda.test.ts "non-ASCII").
 */
function utf8Body(event: LambdaEvent): LambdaEvent {
  if (!event.isBase64Encoded || typeof event.body !== 'string') return event;
  return { ...event, body: Buffer.from(event.body, 'base64').toString('utf8'), isBase64Encoded: false };
}
