import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { SlackConfig } from '../../../src/adapters/slack/config.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { adapterState } from '../../../src/adapters/state.js';
import { type RunningServer, startHttpServer } from '../../../src/app/http.js';
import type { Store } from '../../../src/store/types.js';
import { engine } from '../engine.js';
import { memoryLogger } from '../log.js';
import { FAKE_OAUTH, type FakeInstall, type FakeSlack } from './fake-slack.js';
import { appMention, eventCallback, nextTs, postEvent, SIGNING_SECRET } from './requests.js';

/**
 * The real Bolt app in many-workspace (OAuth) mode on the shared HTTP server (127.0.0.1, a free port),
 * over a real store (SQLite or PostgreSQL) and a fake Slack: what `npm start` runs with the OAuth settings.
 */
export interface OAuthHarness {
  base: string;
  adapter: SlackAdapter;
  server: RunningServer;
  tokenKey: Buffer;
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export const STATE_SECRET = 'a-state-secret-of-at-least-32-characters';

export async function startOAuthHarness(
  fake: FakeSlack,
  store: Store,
  opts: { tokenKey?: Buffer } = {},
): Promise<OAuthHarness> {
  const tokenKey = opts.tokenKey ?? randomBytes(32);
  const { logger, lines } = memoryLogger();
  const config: SlackConfig = {
    mode: 'http',
    botToken: '',
    signingSecret: SIGNING_SECRET,
    appToken: undefined,
    apiUrl: fake.apiUrl,
    oauth: {
      clientId: FAKE_OAUTH.clientId,
      clientSecret: FAKE_OAUTH.clientSecret,
      stateSecret: STATE_SECRET,
      tokenKey,
    },
  };
  const e = engine();
  const adapter = createSlackAdapter({
    config,
    engine: e,
    logger,
    state: adapterState(e, store, 60_000, logger),
    installations: store.installations,
  });
  await adapter.start();
  const listener = adapter.requestListener;
  if (!listener) throw new Error('HTTP mode must expose a requestListener');
  const server = await startHttpServer(Object.fromEntries(adapter.paths.map((p) => [p, listener])), {
    port: 0,
    host: '127.0.0.1',
    logger,
  });
  return {
    base: `http://127.0.0.1:${server.port}`,
    adapter,
    server,
    tokenKey,
    logs: lines,
    async close() {
      await server.close();
      await adapter.stop();
    },
  };
}

/** A browser's start of the install: GET /slack/install, which redirects to Slack with a state cookie. */
export async function startInstall(base: string): Promise<{ location: URL; state: string; cookie: string }> {
  const res = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  const state = location.searchParams.get('state') ?? '';
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  return { location, state, cookie };
}

/**
 * The whole install, as a browser and Slack do it: /slack/install, then (Slack having granted `code` for
 * the workspace) back to /slack/oauth_redirect with the code, the state and the state cookie.
 */
export async function install(base: string, fake: FakeSlack, code: string, what: FakeInstall) {
  const { state, cookie } = await startInstall(base);
  fake.grant(code, what);
  const res = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text() };
}

/** A signed app_mention from workspace `team`, as Slack sends it to an app installed there. */
export function mentionFrom(
  url: string,
  team: { teamId: string; botUserId: string },
  text: string,
  channel: string,
) {
  const ts = nextTs();
  return postEvent(
    url,
    eventCallback(
      { ...appMention({ text: `<@${team.botUserId}> ${text}`, ts, channel }), team: team.teamId },
      { team_id: team.teamId, authorizations: [authorization(team)] },
    ),
  );
}

/** A signed workspace-level event (app_uninstalled, tokens_revoked) from `team`. */
export function workspaceEvent(
  url: string,
  team: { teamId: string; botUserId: string },
  event: Record<string, unknown>,
) {
  return postEvent(
    url,
    eventCallback(
      { event_ts: nextTs(), ...event },
      { team_id: team.teamId, authorizations: [authorization(team)] },
    ),
  );
}

function authorization(team: { teamId: string; botUserId: string }) {
  return {
    enterprise_id: null,
    team_id: team.teamId,
    user_id: team.botUserId,
    is_bot: true,
    is_enterprise_install: false,
  };
}
