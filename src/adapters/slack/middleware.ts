import { type AnyMiddlewareArgs, ErrorCode, type Middleware } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { inFlight } from '../in-flight.js';
import { SLACK_TUNABLES } from './tunables.js';

/**
 * Slack re-sends an event it thinks was not received (`x-slack-retry-num`), and Bolt runs the listeners
 * again. This remembers event ids for a while and stops a second delivery, so nothing is answered twice.
 * With `dropTimeoutRetries` (AWS Lambda, where the first delivery may still be running in another
 * instance), a retry whose reason is `http_timeout` is dropped too: the first delivery is still answering.
 * Limit: the memory is per process; several HTTP instances behind a load balancer can each answer once.
 */
export function dedupeRetries(opts: {
  logger: Logger;
  dropTimeoutRetries: boolean;
}): Middleware<AnyMiddlewareArgs> {
  const seen = new Map<string, number>();
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    const now = Date.now();
    for (const [id, at] of seen) {
      if (now - at < SLACK_TUNABLES.dedupeTtlMs && seen.size < SLACK_TUNABLES.dedupeMaxEntries) break;
      seen.delete(id);
    }
    const retry = { eventId, retryNum: context.retryNum, retryReason: context.retryReason };
    if (seen.has(eventId)) {
      opts.logger.info(retry, 'slack: duplicate event delivery ignored');
      return;
    }
    if (opts.dropTimeoutRetries && context.retryNum !== undefined && context.retryReason === 'http_timeout') {
      opts.logger.info(retry, 'slack: timed-out retry ignored, the first delivery is still answering');
      return;
    }
    seen.set(eventId, now);
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
    await args.next();
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (!ack) return; // events are acknowledged by Bolt before the listeners run
    try {
      await ack();
    } catch (err) {
      if ((err as { code?: string }).code !== ErrorCode.ReceiverMultipleAckError) throw err;
    }
  };
}
