import { App, type Authorize, type Receiver } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import type { Onboarding } from '../../core/onboarding/index.js';
import type { Logger } from '../../log.js';
import type { AdapterState } from '../state.js';
import { boltLogger } from './bolt-logger.js';
import { registerErrorBoundary } from './error-boundary.js';
import { type BotIdentity, verifyBotToken } from './identity.js';
import { slackRouter } from './listeners/index.js';
import { installGuards } from './middleware.js';
import type { SlackInstallations } from './oauth/installation-store.js';
import { slackFetch } from './outbound.js';
import { renderHome } from './render/home.js';
import { SLACK_TUNABLES } from './tunables.js';

export interface BuildSlackAppOptions {
  /**
   * One workspace: its bot token. Without it, many workspaces (OAuth): each request is authorized from
   * the stored installations, by the receiver's OAuth installer or by `authorize`.
   */
  botToken?: string;
  /** Many workspaces without an installer in the receiver (AWS Lambda): Bolt's InstallProvider.authorize. */
  authorize?: Authorize<boolean>;
  /** Many workspaces: the installations, deleted on uninstall. */
  installations?: SlackInstallations;
  /** Slack's Web API base URL, ending with a slash. */
  apiUrl: string;
  engine: Engine;
  /** Conversations, feedback and event claims, kept in the store. */
  state: AdapterState;
  logger: Logger;
  receiver: Receiver;
  /** AWS Lambda: also drop `http_timeout` retries (see dedupeRetries). */
  dropTimeoutRetries: boolean;
  /** The quiz and progress; absent, `/srm quiz` says it is unavailable. */
  onboarding?: Onboarding;
}

export interface BuiltSlackApp {
  app: App;
  /**
   * Checks the bot token with auth.test (once; again after a failure) and remembers who the bot is. Null
   * with many workspaces: each installation carries its bot's identity.
   */
  verify(): Promise<BotIdentity | null>;
  /** Waits for listeners still running; false if the time-out passed first. */
  drain(timeoutMs?: number): Promise<boolean>;
}

/**
 * The Bolt app, shared by HTTP, Socket Mode and Lambda. With one workspace, Bolt is given an `authorize`
 * function instead of the token, so its constructor never calls auth.test (see ../../../shared/PLATFORM.md);
 * the token is checked deliberately by `verify()` at start-up, and its answer reused for every request.
 * With many (OAuth), Bolt's installer authorizes each request from the sealed installations in the store.
 */
export function buildSlackApp(opts: BuildSlackAppOptions): BuiltSlackApp {
  const logger = boltLogger(opts.logger);
  const botToken = opts.botToken;
  let identity: Promise<BotIdentity> | undefined;
  const verifyToken = (token: string): Promise<BotIdentity> => {
    identity ??= verifyBotToken(opts.apiUrl, token, logger).catch((err: unknown) => {
      identity = undefined;
      throw err;
    });
    return identity;
  };
  const verify = async (): Promise<BotIdentity | null> => (botToken ? verifyToken(botToken) : null);
  // One workspace: the token, checked once. Many: `authorize` if given, else the receiver's installer.
  const authorize: Authorize<boolean> | undefined = botToken
    ? async () => {
        const id = await verifyToken(botToken);
        return { botToken, botId: id.botId, botUserId: id.botUserId };
      }
    : opts.authorize;

  const app = new App({
    receiver: opts.receiver,
    logger,
    // The error boundary needs the request body to answer in the right conversation.
    extendedErrorHandler: true,
    // Bolt's conversation store (context.conversation) is unused: the core keeps follow-up context. Off,
    // it saves a store look-up and a middleware layer on every request (bench section 5).
    convoStore: false,
    // Bolt's ignoreSelf runs inside the adapter's one middleware layer, for events only (installGuards).
    ignoreSelf: false,
    ...(authorize ? { authorize } : {}),
    clientOptions: {
      slackApiUrl: opts.apiUrl,
      retryConfig: SLACK_TUNABLES.webApiRetries,
      timeout: SLACK_TUNABLES.webApiTimeoutMs,
      // Also what respond() posts to response_url with: time-outs, and 429s waited out per call.
      fetch: slackFetch(),
      rejectRateLimitedCalls: true,
    },
  });

  registerErrorBoundary(app, { logger: opts.logger, ...(botToken ? { botToken } : {}) });
  // The guards, the assistant panel and the router: one Bolt middleware layer.
  const router = slackRouter({
    ...opts.state,
    ...(opts.installations ? { installations: opts.installations } : {}),
    engine: opts.engine,
    logger: opts.logger,
    homeView: renderHome(opts.engine.welcome()),
    ...(opts.onboarding ? { onboarding: opts.onboarding } : {}),
  });
  const guards = installGuards(
    app,
    { logger: opts.logger, claims: opts.state.claims, dropTimeoutRetries: opts.dropTimeoutRetries },
    router,
  );

  return { app, verify, drain: (ms = SLACK_TUNABLES.drainTimeoutMs) => guards.drain(ms) };
}
