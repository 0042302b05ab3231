import { AwsLambdaReceiver } from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import type { Engine } from '../../core/engine.js';
import type { Logger } from '../../log.js';
import type { InstallationVault } from '../../store/types.js';
import type { AdapterState } from '../state.js';
import { buildSlackApp } from './app.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackConfig } from './config.js';
import { sealedInstallations } from './oauth/installer.js';

type AwsHandler = Awaited<ReturnType<AwsLambdaReceiver['start']>>;
export type LambdaEvent = Parameters<AwsHandler>[0];
export type LambdaResult = Awaited<ReturnType<AwsHandler>>;

/**
 * The Slack app behind Bolt's AwsLambdaReceiver (API Gateway REST or HTTP API, or a function URL):
 * checks the bot token, then returns the function that answers one invocation. The entry point that
 * reads the settings and boots the engine is src/app/lambda.ts.
 *
 * With the OAuth settings (many workspaces) the receiver cannot run the install flow (no install pages
 * on Lambda): the installations are written by the HTTP server's /slack/install into the same database,
 * and here Bolt's InstallProvider only authorizes each request from them (refreshing rotated tokens and
 * storing them again), with the same SLACK_TOKEN_KEY.
 */
export async function startSlackLambda(opts: {
  config: SlackConfig & { signingSecret: string };
  engine: Engine;
  logger: Logger;
  state: AdapterState;
  /** With config.oauth: the store's installations (shared with the server that runs the install flow). */
  installations?: InstallationVault;
}): Promise<(event: LambdaEvent, context: unknown) => Promise<LambdaResult>> {
  const bolt = boltLogger(opts.logger);
  const receiver = new AwsLambdaReceiver({ signingSecret: opts.config.signingSecret, logger: bolt });
  const oauth = opts.config.oauth;
  let auth: Pick<Parameters<typeof buildSlackApp>[0], 'botToken' | 'authorize' | 'installations'>;
  if (oauth) {
    if (!opts.installations)
      throw new Error("startSlackLambda: the OAuth settings need the store's installations");
    const installations = sealedInstallations(oauth, opts.installations);
    const installer = new InstallProvider({
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      stateSecret: oauth.stateSecret,
      installationStore: installations,
      logger: bolt,
      // Token refreshes (oauth.v2.access) go through the configured API URL like every other call.
      clientOptions: { slackApiUrl: opts.config.apiUrl },
    });
    auth = { authorize: installer.authorize, installations };
  } else {
    auth = { botToken: opts.config.botToken };
  }
  const built = buildSlackApp({
    ...auth,
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
