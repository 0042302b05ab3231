import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { EventClaims } from '../../store/types.js';
import { replayGuard } from './replay.js';
import { SLACK_TUNABLES } from './tunables.js';

/**
 * What stands in front of Bolt's HTTPReceiver on /slack/events. Bolt buffers up to 10 MB before it checks
 * the signature, accepts timestamps from any time in the future, answers a replayed request again, throws
 * (out of the process) on a signed JSON `null`, and leaves a signed body it cannot classify hanging for
 * 3 s before a 404. Here, in this order, each step cheap before the next:
 *
 * 1. the signature headers must be present and well-formed, the timestamp within ±5 minutes of now;
 * 2. the declared and the actual size must be under SLACK_TUNABLES.maxBodyBytes (413, before reading more);
 * 3. the HMAC must match (401);
 * 4. the body must parse into a Slack envelope: a JSON object, or a form with a command or a payload, no
 *    deeper than SLACK_TUNABLES.maxBodyDepth (400);
 * 5. the signature must not have been seen before (a replay is answered 200 and not run again);
 * 6. a signed envelope of a kind no listener could take (an unknown `type`) gets a prompt 200.
 *
 * Only then Bolt gets the request, with the body already read and parsed (dispatch.ts).
 */
export type FrontDoorResult =
  /** The body as read, and as parsed (for Bolt: see dispatch.ts). */
  | { pass: true; rawBody: Buffer; body: Record<string, unknown> }
  | { pass: false; status: number; reason: string; body?: string };

export interface FrontDoorOptions {
  signingSecret: string;
  claims: EventClaims;
  now?: () => number;
}

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;
/** Slack's envelope types that Bolt routes to listeners (Bolt's getTypeAndConversation). */
const JSON_TYPES = new Set(['event_callback', 'url_verification']);
const PAYLOAD_TYPES = new Set([
  'block_actions',
  'interactive_message',
  'dialog_submission',
  'workflow_step_edit',
  'shortcut',
  'message_action',
  'view_submission',
  'view_closed',
  'block_suggestion',
  'dialog_suggestion',
]);

export function createFrontDoor(opts: FrontDoorOptions) {
  const now = opts.now ?? Date.now;
  const secret = opts.signingSecret;
  const replays = replayGuard({ claims: opts.claims, now });

  return async function check(req: IncomingMessage): Promise<FrontDoorResult> {
    const signature = header(req, 'x-slack-signature');
    const timestamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !timestamp) {
      // Slack's ssl_check is the one unsigned request it sends: a tiny form.
      if (isForm(req) && declaredLength(req) <= 256) {
        const raw = await readCapped(req, 256);
        if (raw && parseQuery(raw.toString('utf8')).ssl_check === '1') {
          return { pass: false, status: 200, reason: 'ssl_check' };
        }
      }
      return refuse(req, 401, 'missing signature headers');
    }
    if (!SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp)) {
      return refuse(req, 401, 'malformed signature headers');
    }
    const skewMs = Math.abs(now() - Number(timestamp) * 1000);
    if (skewMs > SLACK_TUNABLES.timestampWindowMs) return refuse(req, 401, 'timestamp outside the window');
    if (declaredLength(req) > SLACK_TUNABLES.maxBodyBytes) return refuse(req, 413, 'body over the size cap');

    const raw = await readCapped(req, SLACK_TUNABLES.maxBodyBytes);
    if (!raw) return { pass: false, status: 413, reason: 'body over the size cap' };

    const expected = Buffer.from(
      `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(raw).digest('hex')}`,
    );
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { pass: false, status: 401, reason: 'signature mismatch' };
    }

    const envelope = parseEnvelope(req, raw);
    if ('problem' in envelope) {
      if (envelope.problem === 'unknown')
        return { pass: false, status: 200, reason: 'no listener for this kind' };
      return { pass: false, status: 400, reason: envelope.problem };
    }

    // The same body and timestamp always give the same signature: seen twice inside the window is a replay.
    // Decided at once where this process decides alone (SQLite), else by the store (replay.ts).
    const decided = replays.fresh(signature, Number(timestamp));
    const fresh = typeof decided === 'boolean' ? decided : await decided;
    if (!fresh) return { pass: false, status: 200, reason: 'replayed request ignored' };
    return { pass: true, rawBody: raw, body: envelope.body };
  };
}

/** Sends the front door's refusal: no body for errors, and the socket closed if the body was not read. */
export function answerRefusal(res: ServerResponse, result: Extract<FrontDoorResult, { pass: false }>): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (result.status === 413) headers.connection = 'close';
  res.writeHead(result.status, headers);
  res.end(result.status === 200 ? (result.body ?? '') : result.reason);
}

function refuse(req: IncomingMessage, status: number, reason: string): FrontDoorResult {
  // The body is not read: drop it without buffering, so the client gets the answer.
  req.resume();
  return { pass: false, status, reason };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

function declaredLength(req: IncomingMessage): number {
  const n = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
}

/** The body, or null as soon as it passes `maxBytes` (the rest is dropped unread). */
function readCapped(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let chunks: Buffer[] | null = [];
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
 * The signed body parsed as Bolt parses it (a form's `payload` as JSON, a form with a command as the form,
 * anything else as JSON), or why it is not something Bolt can route: a problem, or 'unknown' for a
 * well-formed envelope of a kind nothing here listens to (answered 200 so Slack does not retry).
 */
export function parseEnvelope(
  req: IncomingMessage,
  raw: Buffer,
): { body: Record<string, unknown> } | { problem: string | 'unknown' } {
  const text = raw.toString('utf8');
  let body: Record<string, unknown>;
  try {
    if (isForm(req)) {
      const form = parseQuery(text);
      if (typeof form.payload === 'string') {
        const payload: unknown = JSON.parse(form.payload);
        if (!isObject(payload)) return { problem: 'payload is not a JSON object' };
        body = payload;
        if (typeof body.type !== 'string') return { problem: 'payload has no type' };
        if (!PAYLOAD_TYPES.has(body.type)) return { problem: 'unknown' };
        const user = body.user;
        if (!isObject(user) || typeof user.id !== 'string') return { problem: 'payload without a user id' };
        if (body.type === 'block_actions') {
          const actions = body.actions;
          if (!Array.isArray(actions) || actions.length === 0)
            return { problem: 'block_actions without actions' };
          for (const a of actions) {
            if (!isObject(a) || typeof a.action_id !== 'string') {
              return { problem: 'an action without an action_id' };
            }
          }
        }
      } else if (typeof form.command === 'string') {
        // A form is strings and lists of strings: never deeper than two.
        return { body: form };
      } else if (form.ssl_check === '1') {
        return { problem: 'unknown' };
      } else {
        return { problem: 'form without a command or a payload' };
      }
    } else {
      const parsed: unknown = JSON.parse(text);
      if (!isObject(parsed)) return { problem: 'body is not a JSON object' };
      body = parsed;
      if (typeof body.type !== 'string') return { problem: 'body has no type' };
      if (!JSON_TYPES.has(body.type)) return { problem: 'unknown' };
      if (body.type === 'event_callback') {
        const event = body.event;
        if (!isObject(event) || typeof event.type !== 'string')
          return { problem: 'event_callback without an event' };
      }
    }
  } catch {
    return { problem: 'body is not valid JSON' };
  }
  if (depth(body, SLACK_TUNABLES.maxBodyDepth) > SLACK_TUNABLES.maxBodyDepth) {
    return { problem: 'body nested too deeply' };
  }
  return { body };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Nesting depth, counted without recursion and given up on past `limit`. */
function depth(value: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}
