import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { homeViewProblems, messageProblems } from './blockkit-limits.js';

/**
 * A local stand-in for Slack, on 127.0.0.1:
 * - the Web API at `/api/<method>` (form-encoded like the real client sends, `blocks` as a JSON string),
 *   answering auth.test, chat.postMessage, chat.postEphemeral, chat.update, views.publish,
 *   assistant.threads.setTitle / setSuggestedPrompts / setStatus and apps.connections.open, and recording
 *   every call with the token it used;
 * - OAuth for many workspaces: oauth.v2.access exchanges a code granted with `grant()` for that
 *   workspace's installation (with a refresh token and expiry when token rotation is on), or a refresh
 *   token for a new token pair; auth.test answers for each workspace's bot token;
 * - response URLs at `/response/<id>`, recording what the app sends to them;
 * - a Socket Mode WebSocket at `/socket` (used when the app connects in Socket Mode).
 * Like Slack, it refuses a message or view that breaks Block Kit's limits (`invalid_blocks`), and it
 * collects those problems in `violations` so a test can show them.
 */

export const FAKE_TEAM = { team_id: 'T0TEST', bot_id: 'B0BOT', user_id: 'U0BOT' } as const;

/** The app's OAuth credentials as the fake Slack knows them (oauth.v2.access checks them). */
export const FAKE_OAUTH = { clientId: '1111111111.2222222222', clientSecret: 'fake-client-secret' } as const;

/** What the fake's oauth.v2.access answers for a granted code: one workspace's installation. */
export interface FakeInstall {
  teamId: string;
  teamName?: string;
  botToken: string;
  botId: string;
  botUserId: string;
  /** Token rotation on: the refresh token and the access token's lifetime in seconds. */
  refreshToken?: string;
  expiresIn?: number;
}

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the call was made with. */
  token: string | undefined;
}

export interface ResponseUrlCall {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  /** Web API base URL, for SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  /** A response_url that records what is posted to it. */
  responseUrl(id: string): string;
  calls: ApiCall[];
  responses: ResponseUrlCall[];
  violations: string[];
  /** Calls to one method. */
  callsTo(method: string): ApiCall[];
  /** OAuth: the next oauth.v2.access with `code` installs the app in `install.teamId` (once). */
  grant(code: string, install: FakeInstall): void;
  /** Token rotation: a refresh with `refreshToken` returns this new pair (once). */
  rotate(refreshToken: string, next: { botToken: string; refreshToken: string; expiresIn: number }): void;
  /** Makes the next calls to `method` answer `{ ok: false, error }` (until cleared with null). */
  failMethod(method: string, error: string | null): void;
  /** Answers 429 with `Retry-After: seconds` to calls whose args `match` (each once, then normally). */
  rateLimit(match: (call: ApiCall) => boolean, seconds: number): void;
  /** Resolves when `check` finds something in the recorded traffic; rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs?: number): Promise<T>;
  /** Socket Mode: the connected app's socket, once it has connected. */
  socket(): Promise<WebSocket>;
  /** Socket Mode: sends an envelope and resolves with the app's ack. */
  sendEnvelope(envelope: {
    type: string;
    payload: unknown;
    retry_attempt?: number;
    retry_reason?: string;
  }): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update']);

function parseBody(req: IncomingMessage, raw: string): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The Web API client JSON-encodes arrays and objects inside the form.
    const structured =
      k === 'blocks' || k === 'view' || k === 'attachments' || k === 'metadata' || k === 'prompts';
    out[k] = structured ? safeParse(v) : v;
  }
  return out;
}

function safeParse(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlCall[] = [];
  const violations: string[] = [];
  const failures = new Map<string, string>();
  const limits: Array<{ match: (call: ApiCall) => boolean; seconds: number; hit: Set<string> }> = [];
  let ts = 1_700_000_000;
  let base = '';
  const grants = new Map<string, FakeInstall>();
  const rotations = new Map<string, { botToken: string; refreshToken: string; expiresIn: number }>();
  /** Each workspace bot token the fake has issued, with whose bot it is. */
  const bots = new Map<string, { team_id: string; bot_id: string; user_id: string; refresh: string }>();

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const body = parseBody(req, raw);

      if (url.pathname.startsWith('/response/')) {
        const id = url.pathname.slice('/response/'.length);
        const problems = body.delete_original === true ? [] : messageProblems(body);
        if (problems.length) violations.push(...problems.map((p) => `response_url ${id}: ${p}`));
        responses.push({ id, body });
        return send(200, { ok: true });
      }

      if (!url.pathname.startsWith('/api/')) return send(404, { ok: false, error: 'unknown_path' });
      const method = url.pathname.slice('/api/'.length);
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ')
        ? auth.slice(7)
        : typeof body.token === 'string'
          ? body.token
          : undefined;
      const call = { method, args: body, token };
      calls.push(call);
      const key = `${method}:${raw}`;
      const limit = limits.find((l) => !l.hit.has(key) && l.match(call));
      if (limit) {
        limit.hit.add(key);
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limit.seconds) });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }

      const failure = failures.get(method);
      if (failure) return send(200, { ok: false, error: failure });

      if (MESSAGE_METHODS.has(method)) {
        const problems = messageProblems(body);
        if (problems.length) {
          violations.push(...problems.map((p) => `${method}: ${p}`));
          return send(200, { ok: false, error: 'invalid_blocks' });
        }
      }
      switch (method) {
        case 'oauth.v2.access': {
          if (body.client_id !== FAKE_OAUTH.clientId || body.client_secret !== FAKE_OAUTH.clientSecret)
            return send(200, { ok: false, error: 'invalid_client_id' });
          if (body.grant_type === 'refresh_token') {
            const refresh = String(body.refresh_token ?? '');
            const next = rotations.get(refresh);
            const owner = [...bots.values()].find((b) => b.refresh === refresh);
            if (!next || !owner) return send(200, { ok: false, error: 'invalid_refresh_token' });
            rotations.delete(refresh);
            bots.set(next.botToken, { ...owner, refresh: next.refreshToken });
            return send(200, {
              ok: true,
              app_id: 'A0TEST',
              access_token: next.botToken,
              refresh_token: next.refreshToken,
              expires_in: next.expiresIn,
              token_type: 'bot',
              team: { id: owner.team_id },
              enterprise: null,
              is_enterprise_install: false,
            });
          }
          const install = grants.get(String(body.code ?? ''));
          if (!install) return send(200, { ok: false, error: 'invalid_code' });
          grants.delete(String(body.code));
          // `refresh`: the refresh token that may renew this bot token.
          bots.set(install.botToken, {
            team_id: install.teamId,
            bot_id: install.botId,
            user_id: install.botUserId,
            refresh: install.refreshToken ?? '',
          });
          return send(200, {
            ok: true,
            app_id: 'A0TEST',
            authed_user: { id: 'U0INSTALLER' },
            scope: 'app_mentions:read,assistant:write,chat:write,commands,im:history',
            token_type: 'bot',
            access_token: install.botToken,
            bot_user_id: install.botUserId,
            team: { id: install.teamId, name: install.teamName ?? install.teamId },
            enterprise: null,
            is_enterprise_install: false,
            ...(install.refreshToken
              ? { refresh_token: install.refreshToken, expires_in: install.expiresIn ?? 43_200 }
              : {}),
          });
        }
        case 'auth.test': {
          const bot = token ? bots.get(token) : undefined;
          if (bot) {
            return send(200, {
              ok: true,
              url: `https://${bot.team_id.toLowerCase()}.slack.com/`,
              team: bot.team_id,
              user: 'srm',
              team_id: bot.team_id,
              bot_id: bot.bot_id,
              user_id: bot.user_id,
            });
          }
          if (token !== 'xoxb-test') return send(200, { ok: false, error: 'invalid_auth' });
          return send(200, {
            ok: true,
            url: 'https://test.slack.com/',
            team: 'Test',
            user: 'srm',
            ...FAKE_TEAM,
          });
        }
        case 'chat.postMessage':
        case 'chat.postEphemeral':
          ts += 1;
          return send(200, {
            ok: true,
            channel: body.channel,
            ts: `${ts}.000100`,
            message: { text: body.text },
          });
        case 'chat.update':
          return send(200, { ok: true, channel: body.channel, ts: body.ts });
        // The assistant panel: a thread's title, suggested prompts and "is thinking…" status.
        case 'assistant.threads.setTitle':
        case 'assistant.threads.setSuggestedPrompts':
        case 'assistant.threads.setStatus':
          if (typeof body.channel_id !== 'string' || typeof body.thread_ts !== 'string')
            return send(200, { ok: false, error: 'invalid_arguments' });
          return send(200, { ok: true });
        case 'views.publish': {
          const view = typeof body.view === 'string' ? safeParse(body.view) : body.view;
          const problems = homeViewProblems(view);
          if (problems.length) {
            violations.push(...problems.map((p) => `views.publish: ${p}`));
            return send(200, { ok: false, error: 'invalid_blocks' });
          }
          return send(200, { ok: true, view: { id: 'V0HOME', ...(view as object) } });
        }
        case 'apps.connections.open':
          if (token !== 'xapp-test') return send(200, { ok: false, error: 'invalid_auth' });
          return send(200, { ok: true, url: `${base.replace('http', 'ws')}/socket` });
        default:
          return send(200, { ok: false, error: 'unknown_method' });
      }
    });
  });

  // Socket Mode
  const wss = new WebSocketServer({ noServer: true });
  let connected: WebSocket | undefined;
  const connectWaiters: Array<(ws: WebSocket) => void> = [];
  const acks = new Map<string, (ack: Record<string, unknown>) => void>();
  server.on('upgrade', (req, sock, head) => {
    wss.handleUpgrade(req, sock, head, (ws) => {
      connected = ws;
      ws.on('message', (data) => {
        const msg = safeParse(String(data)) as Record<string, unknown>;
        const id = typeof msg.envelope_id === 'string' ? msg.envelope_id : '';
        acks.get(id)?.(msg);
        acks.delete(id);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TEST' } }));
      for (const w of connectWaiters.splice(0)) w(ws);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let envelopes = 0;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    violations,
    callsTo: (method) => calls.filter((c) => c.method === method),
    grant(code, install) {
      grants.set(code, install);
    },
    rotate(refreshToken, next) {
      rotations.set(refreshToken, next);
    },
    rateLimit(match, seconds) {
      limits.push({ match, seconds, hit: new Set() });
    },
    failMethod(method, error) {
      if (error === null) failures.delete(method);
      else failures.set(method, error);
    },
    async waitFor(check, what, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = check();
        if (found !== undefined && found !== false) return found;
        if (Date.now() > until) {
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          throw new Error(
            `fake Slack: timed out waiting for ${what} (calls so far: ${seen}; responses: ${responses.length})`,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    socket() {
      if (connected) return Promise.resolve(connected);
      return new Promise((resolve) => connectWaiters.push(resolve));
    },
    async sendEnvelope({ type, payload, retry_attempt = 0, retry_reason = '' }) {
      const ws = await fake.socket();
      envelopes += 1;
      const envelope_id = `env-${envelopes}`;
      const acked = new Promise<Record<string, unknown>>((resolve) => acks.set(envelope_id, resolve));
      ws.send(
        JSON.stringify({
          envelope_id,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt,
          retry_reason,
        }),
      );
      return acked;
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
