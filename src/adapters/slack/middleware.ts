import { type AnyMiddlewareArgs, ErrorCode, type Middleware } from '@slack/bolt';
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
}): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
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

/** Counts requests whose listeners are still running, so shutdown can wait for answers in progress. */
export function inFlightTracker(): {
  middleware: Middleware<AnyMiddlewareArgs>;
  drain(timeoutMs: number): Promise<boolean>;
} {
  const tracker = inFlight();
  const middleware: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    const done = tracker.start();
    try {
      await next();
    } finally {
      done();
    }
  };
  return { middleware, drain: (timeoutMs) => tracker.drain(timeoutMs) };
}

/**
 * A signed request that no listener takes (a button of an old message, a view submission, a shortcut) is
 * acknowledged as soon as the listeners have run, instead of hanging for Bolt's 3 seconds and then a 404
 * that makes Slack show the user an error. A listener that acked already is left alone.
 */
export function ackUnhandled(): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ack = (args as { ack?: () => Promise<void> }).ack;
    // Also when a later middleware or listener throws (the error boundary still runs): Slack gets its
    // 200 at once instead of Bolt's 404 three seconds later.
    const ackOnce = async () => {
      if (!ack) return; // events are acknowledged by Bolt before the listeners run
      try {
        await ack();
      } catch (err) {
        if ((err as { code?: string }).code !== ErrorCode.ReceiverMultipleAckError) throw err;
      }
    };
    try {
      await args.next();
    } catch (err) {
      await ackOnce();
      throw err;
    }
    await ackOnce();
  };
}
