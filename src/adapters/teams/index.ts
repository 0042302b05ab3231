import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Engine } from '../../core/engine.js';
import type { Onboarding } from '../../core/onboarding/index.js';
import type { DutySearch } from '../../core/search/duties.js';
import { ConfigError } from '../../kb/errors.js';
import type { Logger } from '../../log.js';
import { inFlight } from '../in-flight.js';
import type { AdapterState } from '../state.js';
import { SrmBot } from './bot.js';
import type { TeamsConfig } from './config.js';
import { registerErrorBoundary } from './error-boundary.js';
import { botResponse, readActivity, sendText } from './http.js';
import { TEAMS_TUNABLES } from './tunables.js';

/** Where the Azure Bot's messaging endpoint points: https://<host>/api/messages */
export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsAdapterOptions {
  config: TeamsConfig;
  engine: Engine;
  /** The core's duty search, for the compose-box search (built once by the composition root). */
  search: DutySearch;
  logger: Logger;
  /** Conversations, feedback and activity claims, kept in the store. */
  state: AdapterState;
  onboarding?: Onboarding;
}

export interface TeamsAdapter {
  /** Mount on the shared server at TEAMS_MESSAGES_PATH. */
  requestListener(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Waits for turns still being answered. */
  stop(): Promise<void>;
}

/**
 * The Teams bot: botbuilder's CloudAdapter, authenticating requests with the Azure Bot's app id and
 * secret (or, for the Bot Framework Emulator and local tests only, not at all), and replying through the
 * Bot Framework connector at each activity's `serviceUrl`. Constructing it makes no network call.
 * All of botbuilder stays in this folder.
 */
export function createTeamsAdapter({
  config,
  engine,
  search,
  logger,
  state,
  onboarding,
}: TeamsAdapterOptions): TeamsAdapter {
  const log = logger.child({ platform: 'teams' });
  if (!config.appId && !config.allowUnauthenticated) {
    throw new ConfigError([
      'MicrosoftAppId is required for Teams (or TEAMS_ALLOW_UNAUTHENTICATED=true for the Bot Framework Emulator)',
    ]);
  }
  if (config.allowUnauthenticated) {
    log.warn(
      { setting: 'TEAMS_ALLOW_UNAUTHENTICATED' },
      `TEAMS: ${TEAMS_MESSAGES_PATH} ACCEPTS REQUESTS WITHOUT AUTHENTICATION (on a loopback HOST, replying only ` +
        'to a serviceUrl on this machine). Only for the Bot Framework Emulator and local tests: set ' +
        'MicrosoftAppId and MicrosoftAppPassword anywhere else.',
    );
  }

  // Without an app id botbuilder authenticates nothing; the app type then must not demand one.
  const auth = new ConfigurationBotFrameworkAuthentication(
    config.appId
      ? {
          MicrosoftAppId: config.appId,
          MicrosoftAppPassword: config.appPassword,
          MicrosoftAppType: config.appType,
          MicrosoftAppTenantId: config.tenantId,
        }
      : {},
    undefined,
    undefined,
    undefined,
    { requestPolicyFactories: [connectorTimeout(TEAMS_TUNABLES.connectorTimeoutMs)] },
  );
  const adapter = new CloudAdapter(auth);
  registerErrorBoundary(adapter, log);
  const bot = new SrmBot({
    ...state,
    engine,
    search,
    logger: log,
    appId: config.appId,
    ...(onboarding ? { onboarding } : {}),
  });
  const turns = inFlight();

  return {
    async requestListener(req, res) {
      if (req.method !== 'POST') {
        sendText(res, 405, 'method not allowed', { allow: 'POST' });
        return;
      }
      if (config.appId && !hasBearer(req)) {
        // Checked before the body is read or parsed. botbuilder would refuse it too, after printing a stack
        // trace; a request without a token is common (scanners, a misconfigured endpoint): one log line.
        req.resume();
        log.info('teams: request without a bearer token refused');
        sendText(res, 401, 'unauthorized', { 'www-authenticate': 'Bearer' });
        return;
      }
      const read = await readActivity(req, TEAMS_TUNABLES.maxBodyBytes);
      if (!read.ok) {
        log.warn({ status: read.status, reason: read.message }, 'teams: request refused');
        sendText(res, read.status, read.message);
        return;
      }
      if (config.allowUnauthenticated && !isLoopbackUrl(read.request.body?.serviceUrl)) {
        // Without authentication anyone could make the bot post to any URL: only this machine's, here.
        log.warn('teams: unauthenticated mode refuses a serviceUrl that is not on this machine');
        sendText(res, 403, 'unauthenticated mode answers only a loopback serviceUrl');
        return;
      }
      const done = turns.start();
      try {
        await adapter.process(read.request, botResponse(res), (context) => bot.run(context));
      } catch (err) {
        // botbuilder rejects what it cannot treat as an activity; unhandled, that would end the process.
        log.warn({ err }, 'teams: invalid activity refused');
        sendText(res, 400, 'invalid activity');
      } finally {
        done();
      }
      if (!res.writableEnded) res.end();
    },
    async stop() {
      const drained = await turns.drain(TEAMS_TUNABLES.drainTimeoutMs);
      if (!drained) log.warn('teams: stopped with answers still in progress');
    },
  };
}

type ConnectorOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
type PolicyFactory = Extract<NonNullable<ConnectorOptions['requestPolicyFactories']>, unknown[]>[number];

/** Every call to the Bot Framework connector (replies, the apology) gives up after `ms` (none by default). */
function connectorTimeout(ms: number): PolicyFactory {
  return {
    create: (next) => ({
      sendRequest(request) {
        request.timeout = ms;
        return next.sendRequest(request);
      },
    }),
  };
}

/** A bearer token shaped like a JWT (three base64url parts); botbuilder checks the rest. */
function hasBearer(req: IncomingMessage): boolean {
  const header = req.headers.authorization;
  return (
    typeof header === 'string' && header.length <= 8192 && /^Bearer +[\w-]+\.[\w-]+\.[\w-]*$/i.test(header)
  );
}

function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const h = new URL(value).hostname.replace(/^\[|\]$/g, '');
    return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
  } catch {
    return false;
  }
}
