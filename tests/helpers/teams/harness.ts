import {
  createTeamsAdapter,
  TEAMS_MESSAGES_PATH,
  type TeamsAdapter,
} from '../../../src/adapters/teams/index.js';
import { loadConfig } from '../../../src/app/config.js';
import { type RunningServer, startHttpServer } from '../../../src/app/http.js';
import type { ContextualEngine } from '../../../src/core/engine.js';
import type { Onboarding } from '../../../src/core/onboarding/index.js';
import type { FeedbackRow } from '../../../src/store/types.js';
import { dutySearch, engine as sharedEngine } from '../engine.js';
import { memoryLogger } from '../log.js';
import { memoryState } from '../state.js';
import type { Activity } from './activities.js';
import { type ConnectorCall, type FakeConnector, startFakeConnector } from './fake-connector.js';

export interface TeamsHarness {
  connector: FakeConnector;
  adapter: TeamsAdapter;
  server: RunningServer;
  /** http://127.0.0.1:<port> */
  base: string;
  /** http://127.0.0.1:<port>/api/messages */
  url: string;
  logs: Array<Record<string, unknown>>;
  /** Posts an activity as the Bot Framework service does; resolves after the bot's turn has ended. */
  post(activity: Activity, headers?: Record<string, string>): Promise<HttpResult>;
  /** Posts, then returns what the bot sent to the connector during that turn. */
  turn(activity: Activity): Promise<{ result: HttpResult; sent: ConnectorCall[] }>;
  /** The feedback rows the adapter wrote to its (in-memory) store. */
  feedbackRecords(): FeedbackRow[];
  close(): Promise<void>;
}

export interface HttpResult {
  status: number;
  body: string;
  json(): unknown;
}

/**
 * The real Teams adapter (real botbuilder) on the real shared HTTP server, on 127.0.0.1 and a free port,
 * replying to a fake connector. Settings come from `loadConfig` like in production: by default
 * TEAMS_ALLOW_UNAUTHENTICATED=true (the Emulator setting), or whatever `env` says.
 */
export async function startTeamsHarness(
  opts: { env?: Record<string, string>; engine?: ContextualEngine; onboarding?: Onboarding } = {},
): Promise<TeamsHarness> {
  const connector = await startFakeConnector();
  const config = loadConfig({ HOST: '127.0.0.1', ...(opts.env ?? { TEAMS_ALLOW_UNAUTHENTICATED: 'true' }) });
  if (!config.teams) throw new Error('the settings did not turn Teams on');
  const { logger, lines } = memoryLogger();
  const engine = opts.engine ?? sharedEngine();
  const state = await memoryState({ engine, logger });
  const adapter = createTeamsAdapter({
    config: config.teams,
    engine,
    search: dutySearch(),
    logger,
    state: state.state,
    ...(opts.onboarding ? { onboarding: opts.onboarding } : {}),
  });
  const server = await startHttpServer(
    { [TEAMS_MESSAGES_PATH]: (req, res) => adapter.requestListener(req, res) },
    { port: 0, host: '127.0.0.1', logger },
  );
  const base = `http://127.0.0.1:${server.port}`;
  const url = `${base}${TEAMS_MESSAGES_PATH}`;

  const post = async (activity: Activity, headers: Record<string, string> = {}): Promise<HttpResult> =>
    postRaw(url, JSON.stringify(activity), headers);

  return {
    connector,
    adapter,
    server,
    base,
    url,
    logs: lines,
    post,
    async turn(activity) {
      const before = connector.calls.length;
      const result = await post(activity);
      return { result, sent: connector.calls.slice(before) };
    },
    feedbackRecords: state.feedbackRows,
    async close() {
      await server.close();
      await adapter.stop();
      await connector.close();
      await state.store.close();
    },
  };
}

/** A POST with any body, as a client would send it. */
export async function postRaw(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text, json: () => JSON.parse(text) };
}
