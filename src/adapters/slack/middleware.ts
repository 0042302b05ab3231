import {
  type AckFn,
  type AnyMiddlewareArgs,
  type App,
  ErrorCode,
  ignoreSelf,
  type Middleware,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { EventClaims } from '../../store/types.js';
import { inFlight } from '../in-flight.js';
import { SLACK_TUNABLES } from './tunables.js';

/**
 * Slack re-sends an event it thinks was not received (`x-slack-retry-num`), and Bolt runs the listeners
 * again. The first delivery of an event id claims it in the store (shared by every replica, so a retry
 * that the load balancer sends to another instance is stopped too); later deliveries are dropped, so
 * nothing is answered twice. Claims expire after `dedupeTtlMs` (10 minutes, longer than Slack's
 * retries). With `dropTimeoutRetries` (AWS Lambda without a shared store, where the first
 * delivery may still be running in another instance), a retry whose reason is `http_timeout` is dropped
 * too: the first delivery is still answering.
 */
export function dedupeRetries(opts: {
  logger: Logger;
  claims: EventClaims;
  dropTimeoutRetries: boolean;
}): Guard {
  return async ({ body, context }, next) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    const retry = { eventId, retryNum: context.retryNum, retryReason: context.retryReason };
    if (opts.dropTimeoutRetries && context.retryNum !== undefined && context.retryReason === 'http_timeout') {
      opts.logger.info(retry, 'slack: timed-out retry ignored, the first delivery is still answering');
      return;
    }
    if (!(await opts.claims.claim(`slack:event:${eventId}`, SLACK_TUNABLES.dedupeTtlMs))) {
      opts.logger.info(retry, 'slack: duplicate event delivery ignored');
      return;
    }
    await next();
  };
}

/**
 * Bolt's own `ignoreSelf` (events from this bot itself are dropped), run inside the adapter's one layer
 * instead of as a layer of its own (the app is built with `ignoreSelf: false`): it only ever drops events,
 * so commands and actions skip it without the copy of their arguments a layer costs.
 */
function ignoreOwnEvents(): Guard {
  return (args, next) => ('event' in args && args.event ? ignoreSelf({ ...args, next }) : next());
}

/** Counts requests whose listeners are still running, so shutdown can wait for answers in progress. */
function countInFlight(tracker: ReturnType<typeof inFlight>): Guard {
  return async (_args, next) => {
    const done = tracker.start();
    try {
      await next();
    } finally {
      done();
    }
  };
}

/** The ack functions that have been called (see trackAcks). */
const acked = new WeakSet<object>();

/**
 * Wraps each request's `ack` so `ackUnhandled` can tell that a listener acked already. Without it, the
 * only way to know was to ack again and catch Bolt's ReceiverMultipleAckError: an Error with its stack
 * trace, on every request a listener answered (about 3% of the slash command's CPU, bench section 5).
 */
function trackAcks(app: App): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const ack = event.ack;
    const tracked: AckFn<unknown> = (response) => {
      acked.add(tracked);
      return ack(response);
    };
    return processEvent({ ...event, ack: tracked });
  };
}

/**
 * A signed request that no listener takes (a button of an old message, a view submission, a shortcut) is
 * acknowledged as soon as the listeners have run, instead of hanging for Bolt's 3 seconds and then a 404
 * that makes Slack show the user an error. A listener that acked already is left alone.
 */
export function ackUnhandled(): Guard {
  return async (args, next) => {
    const ack = (args as { ack?: () => Promise<void> }).ack;
    // Also when a later middleware or listener throws (the error boundary still runs): Slack gets its
    // 200 at once instead of Bolt's 404 three seconds later.
    const ackOnce = async () => {
      if (!ack) return; // events are acknowledged by Bolt before the listeners run
      if (acked.has(ack)) return;
      try {
        await ack();
      } catch (err) {
        if ((err as { code?: string }).code !== ErrorCode.ReceiverMultipleAckError) throw err;
      }
    };
    try {
      await next();
    } catch (err) {
      await ackOnce();
      throw err;
    }
    await ackOnce();
  };
}

type Args = Parameters<Middleware<AnyMiddlewareArgs>>[0];
/** One of the adapter's checks around a request: it runs `next` (the rest of the request) or not. */
type Guard = (args: Args, next: () => Promise<void>) => Promise<void>;

/**
 * The adapter's own middleware, installed as one Bolt layer (Bolt copies the request's arguments for
 * every layer it runs: three layers cost about 12 µs more per request than one, bench section 5). In
 * order: drop the bot's own events (Bolt's ignoreSelf), count the request in flight, ack what no listener
 * acked, drop a repeated event delivery, then `then` (the router, which ends with Bolt's `next`). Also
 * wraps `ack` for ackUnhandled (trackAcks).
 * Returns the drain for shutdown.
 */
export function installGuards(
  app: App,
  opts: { logger: Logger; claims: EventClaims; dropTimeoutRetries: boolean },
  then: (args: Args) => Promise<void> = (args) => args.next(),
): { drain(timeoutMs: number): Promise<boolean> } {
  trackAcks(app);
  const tracker = inFlight();
  const guards: Guard[] = [ignoreOwnEvents(), countInFlight(tracker), ackUnhandled(), dedupeRetries(opts)];
  app.use((args) => {
    const run = (i: number): Promise<void> => {
      const guard = guards[i];
      return guard ? guard(args, () => run(i + 1)) : then(args);
    };
    return run(0);
  });
  return { drain: (timeoutMs) => tracker.drain(timeoutMs) };
}
