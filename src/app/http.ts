import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ConfigError } from '../kb/errors.js';
import type { Logger } from '../log.js';

/**
 * The one HTTP server: each adapter that is on contributes routes (Slack's /slack/events, Teams'
 * /api/messages); /healthz is always there. Shutting down stops new connections and waits for the
 * requests in flight.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpRoutes {
  /** Exact path (query string ignored) → handler. */
  [path: string]: Handler;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops taking connections and waits for requests in flight, at most `timeoutMs`: then it cuts them. */
  close(timeoutMs?: number): Promise<void>;
}

export async function startHttpServer(
  routes: HttpRoutes,
  opts: { port: number; host: string; logger: Logger },
): Promise<RunningServer> {
  let inFlight = 0;
  let closing = false;
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    // Once closing, every answer tells the client to close its kept-alive connection.
    if (closing) res.setHeader('connection', 'close');
    const path = (req.url ?? '/').split('?')[0] as string;
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(closing ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: closing ? 'shutting down' : 'ok', routes: Object.keys(routes) }));
      return;
    }
    const handler = routes[path];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    inFlight++;
    open.add(res);
    res.on('close', () => {
      inFlight--;
      open.delete(res);
    });
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        opts.logger.error({ err, path }, 'unhandled error in HTTP handler');
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('internal error');
        }
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, opts.port, opts.host)));
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    server,
    port,
    async close(timeoutMs = Number.POSITIVE_INFINITY) {
      closing = true;
      const until = Date.now() + timeoutMs;
      for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        const poll = setInterval(() => {
          if (inFlight <= 0 || Date.now() >= until) {
            clearInterval(poll);
            server.closeAllConnections();
          }
        }, 50);
        poll.unref();
      });
    },
  };
}

/** A server that cannot listen names the setting to change. */
function listenError(err: Error & { code?: string }, port: number, host: string): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new ConfigError([
        `PORT ${port} is already in use on HOST ${host}: stop the other process or choose another PORT`,
      ]);
    case 'EACCES':
      return new ConfigError([
        `PORT ${port} needs privileges this process does not have: choose a PORT above 1023`,
      ]);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EINVAL':
      return new ConfigError([
        `HOST "${host}" is not an address of this machine: use 0.0.0.0, 127.0.0.1 or one of its own addresses`,
      ]);
    default:
      return err;
  }
}
