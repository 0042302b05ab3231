/**
 * Child process: a do-nothing stand-in for Slack's Web API, Slack response URLs and the Bot Framework
 * connector, on 127.0.0.1 (prints `{"port":N}` when listening). Unlike the recording fakes in
 * tests/helpers, it keeps nothing and checks nothing but counts what arrived (`GET /stats`), so it stays
 * cheap under load; it runs in its own process so it does not share a CPU with the server being measured.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SINK_IDENTITY = { bot_id: 'B0BENCH', user_id: 'U0BENCH', team_id: 'T0BENCH' } as const;

/** What arrived: Slack Web API calls, posts to response URLs, Bot Framework activities. */
export interface SinkStats {
  slackApi: number;
  slackResponses: number;
  teamsActivities: number;
  /**
   * Response-URL posts and activities by the key in their path (`/response/<key>`, `/<key>/v3/…`): the
   * benchmark gives each server it loads its own key, so what each one delivered is counted apart.
   */
  byTarget: Record<string, number>;
}

const stats: SinkStats = { slackApi: 0, slackResponses: 0, teamsActivities: 0, byTarget: {} };
const count = (key: string | undefined) => {
  if (key) stats.byTarget[key] = (stats.byTarget[key] ?? 0) + 1;
};
let n = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let body: unknown;
    if (path === '/stats') body = stats;
    else if (path === '/api/auth.test')
      body = { ok: true, url: 'https://bench.slack.com/', ...SINK_IDENTITY };
    else if (path.startsWith('/api/')) {
      stats.slackApi++;
      body = { ok: true, channel: 'C0BENCH', ts: `1700000000.${++n}` };
    } else if (/^\/(?:[^/]+\/)?v3\/conversations\//.test(path)) {
      stats.teamsActivities++;
      count(/^\/([^/]+)\/v3\//.exec(path)?.[1]);
      body = { id: `activity-${++n}` };
    } else if (path.startsWith('/response/')) {
      stats.slackResponses++;
      count(path.split('/')[2]);
      body = { ok: true };
    } else body = { ok: true };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
