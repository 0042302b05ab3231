import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  type Logger as BoltLogger,
  HTTPModuleFunctions,
  type ReceiverEvent,
  ReceiverMultipleAckError,
} from '@slack/bolt';

/**
 * Hands a request the front door has checked (front-door.ts) to the Bolt app, as Bolt's HTTPReceiver
 * would, through the receiver interface Bolt documents for custom receivers (`app.processEvent` with a
 * ReceiverEvent). What the HTTPReceiver would do again is left out: it would parse the URL and the body a
 * second time (the front door parsed the body to check it), and JSON-encode an unchanging ack body on
 * every request. The rest is Bolt's own behaviour, with its own helpers:
 *
 * - `url_verification` is answered with its challenge;
 * - `ack()` answers at once (processBeforeResponse off): no body, a string as it is, an object as JSON; a
 *   second call throws ReceiverMultipleAckError; a request not acked within 3 s (5 s for
 *   `function_executed`) gets Bolt's unhandled-request answer (404);
 * - the retry headers become `context.retryNum` and `context.retryReason`;
 * - an error out of `processEvent` goes to Bolt's default processEventErrorHandler.
 *
 * Everything else on the events path (other methods, the OAuth pages) still goes through the
 * HTTPReceiver.
 */
export function slackDispatch(
  app: App,
  logger: BoltLogger,
): (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) => Promise<void> {
  return async (req, res, body) => {
    if (body.type === 'url_verification') {
      HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
      return;
    }
    const ack = httpAck(req, res, body, logger);
    const event: ReceiverEvent = {
      body,
      ack: ack.fn,
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    try {
      await app.processEvent(event);
    } catch (error) {
      const acknowledged = await HTTPModuleFunctions.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: undefined,
      });
      if (acknowledged) ack.settle();
    }
  };
}

/** Bolt's HTTPResponseAck, answering at once, with an ack body's JSON kept where it was kept (below). */
function httpAck(
  req: IncomingMessage,
  res: ServerResponse,
  body: Record<string, unknown>,
  logger: BoltLogger,
) {
  let acknowledged = false;
  const event = body.event as { type?: unknown } | undefined;
  const timer = setTimeout(
    () => {
      if (!acknowledged)
        HTTPModuleFunctions.defaultUnhandledRequestHandler({ logger, request: req, response: res });
    },
    event?.type === 'function_executed' ? 5001 : 3001,
  );
  const settle = () => {
    acknowledged = true;
    clearTimeout(timer);
  };
  const fn = async (response?: unknown) => {
    if (acknowledged) throw new ReceiverMultipleAckError();
    settle();
    send(res, response);
  };
  return { fn, settle };
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** As Bolt's buildContentResponse. */
function send(res: ServerResponse, response: unknown): void {
  if (!response) {
    res.writeHead(200);
    res.end();
  } else if (typeof response === 'string') {
    res.writeHead(200);
    res.end(response);
  } else {
    res.writeHead(200, JSON_HEADERS);
    res.end(serialized.get(response as object) ?? JSON.stringify(response));
  }
}

const serialized = new WeakMap<object, string>();

/**
 * Marks an ack body that is acked as it is, many times, and never changed (a cached answer): its JSON is
 * made once, here, and sent as it is by every ack on this path. Returns the body.
 */
export function serializeOnce<T extends object>(body: T): T {
  serialized.set(body, JSON.stringify(body));
  return body;
}
