import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Framework connector (the service behind an activity's `serviceUrl`), on
 * 127.0.0.1. It records every `POST /v3/conversations/:id/activities[/:replyToId]` the bot makes and
 * answers `{"id": …}` with 200, as the real one does. It never fails by default: botbuilder retries a 5xx
 * for about 5.5 s (see ../shared/PLATFORM.md).
 */

export interface ConnectorCall {
  /** The conversation id, URL-decoded. */
  conversationId: string;
  /** The activity replied to, when the bot replied (rather than posting to the conversation). */
  replyToId: string | undefined;
  /** The activity the bot sent. */
  activity: Record<string, unknown>;
  /** The id the fake gave the sent activity (a click on its card names it as `replyToId`). */
  id: string;
  authorization: string | undefined;
}

export interface FakeConnector {
  /** For an activity's `serviceUrl`; ends with a slash like Teams' own. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Every request, including ones to paths the fake does not know. */
  requests: Array<{ method: string; path: string }>;
  /** Calls for one conversation. */
  callsIn(conversationId: string): ConnectorCall[];
  /** From now on, record each call and never answer it (a connector that hangs). */
  hang(on?: boolean): void;
  /** Resolves when `check` finds something in the recorded calls; rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const requests: Array<{ method: string; path: string }> = [];
  let next = 0;
  let hanging = false;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      requests.push({ method: req.method ?? '?', path });
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const match = ACTIVITIES.exec(path);
      if (req.method !== 'POST' || !match) return send(404, { error: { code: 'NotFound', message: path } });
      let activity: Record<string, unknown>;
      try {
        activity = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return send(400, { error: { code: 'BadArgument', message: 'not JSON' } });
      }
      next += 1;
      const id = `1:bot-activity-${next}`;
      calls.push({
        conversationId: decodeURIComponent(match[1] ?? ''),
        replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
        activity,
        id,
        authorization: req.headers.authorization,
      });
      if (hanging) return;
      return send(200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    serviceUrl: `${base}/`,
    calls,
    requests,
    hang(on = true) {
      hanging = on;
    },
    callsIn: (conversationId) => calls.filter((c) => c.conversationId === conversationId),
    async waitFor(check, what, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = check();
        if (found !== undefined && found !== false) return found;
        if (Date.now() > until) {
          throw new Error(`fake connector: timed out waiting for ${what} (${calls.length} calls so far)`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
