import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';

/**
 * botbuilder's `CloudAdapter.process` expects Express or Restify: a request whose body is already parsed,
 * and a response with `status`/`header`/`send`/`end`. These adapt a plain node:http request and response,
 * reading the body ourselves with a size cap, so /api/messages shares the one HTTP server with Slack.
 */

export type ReadResult =
  | { ok: true; request: BotRequest }
  | { ok: false; status: 400 | 413; message: string };

/** Reads, parses and sanity-checks an activity; anything that is not one gets a 4xx before botbuilder. */
export async function readActivity(req: IncomingMessage, maxBytes: number): Promise<ReadResult> {
  const raw = await readBody(req, maxBytes);
  if (raw === null) return { ok: false, status: 413, message: `request body over ${maxBytes} bytes` };
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, status: 400, message: 'request body is not JSON' };
  }
  const problem = activityProblem(body);
  if (problem) return { ok: false, status: 400, message: `not a Bot Framework activity: ${problem}` };
  return {
    ok: true,
    request: { body: body as Record<string, unknown>, headers: req.headers, method: req.method },
  };
}

/**
 * What botbuilder needs to run a turn: an activity `type`, and the conversation and `serviceUrl` it
 * answers to. Without them `process` rejects or fails deep inside; with them a 400 says why.
 */
function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'expected a JSON object';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type === '') return 'missing "type"';
  if (typeof a.serviceUrl !== 'string' || a.serviceUrl === '') return 'missing "serviceUrl"';
  const conversation = a.conversation as { id?: unknown } | null | undefined;
  if (!conversation || typeof conversation !== 'object' || typeof conversation.id !== 'string') {
    return 'missing "conversation.id"';
  }
  return undefined;
}

/** The body, or null once it passes `maxBytes` (the rest is read and dropped, so the client gets the 413). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let size = 0;
    let chunks: Buffer[] | null = Number.isFinite(declared) && declared > maxBytes ? null : [];
    req.on('data', (chunk: Buffer) => {
      if (!chunks) return;
      size += chunk.length;
      if (size > maxBytes) chunks = null;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks ? Buffer.concat(chunks) : null));
    req.on('error', reject);
  });
}

/**
 * botbuilder's `Response` over a node:http response. botbuilder calls `status`, then `send` with the
 * invoke response or an error message, then `end`. Objects go out as JSON; a 5xx's text (botbuilder's own
 * error message) is not passed on.
 */
export function botResponse(res: ServerResponse): BotResponse {
  let body: unknown;
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(payload: unknown) {
      body = payload;
      return this;
    },
    end() {
      if (res.writableEnded) return this;
      if (body === undefined || body === null || body === '') {
        res.end();
      } else if (res.statusCode >= 500) {
        sendText(res, res.statusCode, 'internal error');
      } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(body);
      } else {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(body));
      }
      return this;
    },
  };
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}
