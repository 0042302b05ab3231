import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A platform API that hangs: it answers Slack's auth.test (so the server can start) and holds every other
 * request open without a byte of answer, recording the paths it was asked for.
 */
export interface HangingApi {
  base: string;
  paths: string[];
  waitFor(pathPart: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHangingApi(): Promise<HangingApi> {
  const paths: string[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    const path = req.url ?? '/';
    paths.push(path);
    if (path.endsWith('/auth.test')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEST', team: 'T' }));
      return;
    }
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    paths,
    async waitFor(pathPart, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (!paths.some((p) => p.includes(pathPart))) {
        if (Date.now() > until) throw new Error(`no call to ${pathPart}; saw ${paths.join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
