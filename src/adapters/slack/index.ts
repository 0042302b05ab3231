import type { IncomingMessage, ServerResponse } from 'node:http';
import { type App, ErrorCode, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import type { Onboarding } from '../../core/onboarding/index.js';
import { ConfigError } from '../../kb/errors.js';
import type { Logger } from '../../log.js';
import type { InstallationVault } from '../../store/types.js';
import type { AdapterState } from '../state.js';
import { buildSlackApp } from './app.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackConfig } from './config.js';
import { slackDispatch } from './dispatch.js';
import { answerRefusal, createFrontDoor } from './front-door.js';
import { SlackStartupError } from './identity.js';
import {
  oauthReceiverOptions,
  SLACK_INSTALL_PATH,
  SLACK_OAUTH_REDIRECT_PATH,
  sealedInstallations,
} from './oauth/installer.js';

export { SLACK_INSTALL_PATH, SLACK_OAUTH_REDIRECT_PATH, SlackStartupError };

/** The path Slack's Events API, slash command and interactivity requests are sent to in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapterOptions {
  config: SlackConfig;
  engine: Engine;
  logger: Logger;
  state: AdapterState;
  onboarding?: Onboarding;
  /** Many workspaces (config.oauth): where the sealed installations are kept (`store.installations`). */
  installations?: InstallationVault;
}

export interface SlackAdapter {
  /** HTTP mode only: mount on the shared server at each of `paths`. */
  requestListener?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** HTTP mode: SLACK_EVENTS_PATH, and with OAuth the install and redirect paths. Empty in Socket Mode. */
  paths: string[];
  /** Checks the bot token (a SlackStartupError says what is wrong), then connects in Socket Mode. */
  start(): Promise<void>;
  /** Waits for answers in progress, then disconnects in Socket Mode. */
  stop(): Promise<void>;
  app: App;
}

/**
 * The Slack app in HTTP mode (requests arrive on the shared server; Bolt's HTTPReceiver verifies
 * signatures and answers `url_verification`) or Socket Mode (a WebSocket to Slack, no public URL).
 * Constructing it makes no network call; `start()` does.
 */
export function createSlackAdapter({
  config,
  engine,
  logger,
  state,
  onboarding,
  installations: vault,
}: SlackAdapterOptions): SlackAdapter {
  const log = logger.child({ platform: 'slack', mode: config.mode });
  const bolt = boltLogger(log);
  const oauth = config.oauth;
  if (oauth && !vault)
    throw new Error("createSlackAdapter: the OAuth settings need the store's installations");
  const installations = oauth && vault ? sealedInstallations(oauth, vault) : undefined;
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (config.mode === 'socket') {
    if (oauth) {
      throw new ConfigError([
        'SLACK_APP_TOKEN (Socket Mode) cannot be combined with the OAuth settings: use HTTP mode for many workspaces',
      ]);
    }
    if (!config.appToken)
      throw new ConfigError([
        'SLACK_APP_TOKEN is required in socket mode: an app-level token starting with xapp-',
      ]);
    receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: bolt,
      // apps.connections.open goes through the same API URL as everything else.
      installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } },
    });
  } else {
    if (!config.signingSecret) {
      throw new ConfigError([
        "SLACK_SIGNING_SECRET is required in HTTP mode: the app's signing secret (Basic Information page)",
      ]);
    }
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: bolt,
      // Ack first, answer after: the HTTP response goes out as soon as a listener acks.
      processBeforeResponse: false,
      // Every POST reaches Bolt only through the front door below, which has checked the signature,
      // the timestamp window and replays: a second HMAC here cost about 4% of a slash command's CPU.
      // POSTs on the events path then go to the app through dispatch.ts, with the body the front door
      // parsed; the receiver serves the OAuth pages (a GET on the events path is answered 405 below).
      signatureVerification: false,
      // Many workspaces: Bolt's own OAuth flow on /slack/install and /slack/oauth_redirect, and its
      // installer authorizes every request from the store.
      ...(oauth && installations
        ? oauthReceiverOptions({ oauth, installations, apiUrl: config.apiUrl, logger: log })
        : {}),
    });
  }

  const built = buildSlackApp({
    ...(oauth ? {} : { botToken: config.botToken }),
    ...(installations ? { installations } : {}),
    apiUrl: config.apiUrl,
    engine,
    state,
    logger: log,
    receiver,
    dropTimeoutRetries: false,
    ...(onboarding ? { onboarding } : {}),
  });

  const adapter: SlackAdapter = {
    app: built.app,
    paths: [],
    async start() {
      const id = await built.verify();
      if (id) log.info({ botUserId: id.botUserId, teamId: id.teamId }, 'slack: bot token verified');
      else
        log.info(
          { installPath: SLACK_INSTALL_PATH },
          'slack: many workspaces (OAuth): install from the install path',
        );
      if (config.mode === 'socket') {
        try {
          await built.app.start();
        } catch (err) {
          throw socketStartError(err, config.apiUrl);
        }
        log.info('slack: connected in Socket Mode');
      }
    },
    async stop() {
      const drained = await built.drain();
      if (!drained) log.warn('slack: stopped with answers still in progress');
      if (config.mode === 'socket') await built.app.stop();
    },
  };
  if (receiver instanceof HTTPReceiver) {
    const http = receiver;
    adapter.paths = oauth
      ? [SLACK_EVENTS_PATH, SLACK_INSTALL_PATH, SLACK_OAUTH_REDIRECT_PATH]
      : [SLACK_EVENTS_PATH];
    // Replays are refused through the store's claims, so a replay to another replica is refused too.
    const frontDoor = createFrontDoor({ signingSecret: config.signingSecret ?? '', claims: state.claims });
    const dispatch = slackDispatch(built.app, bolt);
    adapter.requestListener = async (req, res) => {
      try {
        if (req.method === 'POST') {
          const checked = await frontDoor(req);
          if (!checked.pass) {
            log.info(
              { status: checked.status, reason: checked.reason },
              'slack: request answered at the door',
            );
            answerRefusal(res, checked);
            return;
          }
          // Events, commands and interactions: to the app with the body as the front door parsed it.
          if (pathOf(req) === SLACK_EVENTS_PATH) return await dispatch(req, res, checked.body);
          // Bolt reuses a body already read (its bufferIncomingMessage); the signature is checked above.
          (req as IncomingMessage & { rawBody?: Buffer }).rawBody = checked.rawBody;
        }
        http.requestListener(req, res);
      } catch (err) {
        // GET on the install paths: Bolt's installer. Bolt throws for requests it does not route (a GET on
        // the events path, a POST on an install path).
        if ((err as { code?: string }).code !== ErrorCode.HTTPReceiverDeferredRequestError) throw err;
        res.writeHead(405, { 'content-type': 'text/plain', allow: 'POST' });
        res.end('method not allowed');
      }
    };
  }
  return adapter;
}

/** The request's path, without its query string. */
function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function socketStartError(err: unknown, apiUrl: string): SlackStartupError {
  const slackError = (err as { data?: { error?: unknown } }).data?.error;
  const reason =
    typeof slackError === 'string' ? `"${slackError}"` : err instanceof Error ? err.message : String(err);
  return new SlackStartupError(
    'SLACK_SOCKET_FAILED',
    `Could not open a Socket Mode connection: ${apiUrl}apps.connections.open answered ${reason}. Check SLACK_APP_TOKEN ` +
      '(an app-level token starting with xapp-, with the connections:write scope) and that Socket Mode is on for the app.',
    { cause: err },
  );
}
