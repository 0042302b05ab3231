/**
 * Child process: the baseline for the Teams path, a bare botbuilder `CloudAdapter` echo bot with no
 * authentication (empty app id, as with the Bot Framework Emulator) on a plain Node HTTP server. It
 * replies to each message through the connector at the activity's serviceUrl. Prints `{"port":N}` when
 * listening on 127.0.0.1.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Request,
  type Response,
} from 'botbuilder';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.writeHead(404).end();
    return;
  }
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => {
    raw += c;
  });
  req.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      res.writeHead(400).end();
      return;
    }
    // CloudAdapter expects an Express-style request with a parsed body and an Express-style response.
    const request: Request = {
      body: body as Record<string, unknown>,
      headers: req.headers,
      method: req.method,
    };
    const response: Response = {
      socket: res.socket,
      header: (name, value) => res.setHeader(name, String(value)),
      status: (code) => {
        res.statusCode = code;
      },
      send: (b) => {
        if (b !== undefined) res.write(typeof b === 'string' ? b : JSON.stringify(b));
      },
      end: () => res.end(),
    };
    adapter
      .process(request, response, async (context) => {
        if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text}`);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(400).end();
      });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
