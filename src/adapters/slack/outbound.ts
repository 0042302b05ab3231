import { SLACK_TUNABLES } from './tunables.js';

/**
 * The fetch every Slack call goes through (Web API and response_url): each attempt gives up after
 * `timeoutMs`, and a 429 is waited out for this one call only, once, when its Retry-After is at most
 * `maxRetryAfterMs`. Bolt's WebClient would otherwise pause its whole queue (every user's answers) for as
 * long as any one 429 asks, without a limit; with `rejectRateLimitedCalls` it hands a longer 429 back as an
 * error for that one call, which the error boundary logs.
 */
export function slackFetch(
  timeoutMs: number = SLACK_TUNABLES.webApiTimeoutMs,
  maxRetryAfterMs: number = SLACK_TUNABLES.maxRetryAfterMs,
): typeof fetch {
  const timed = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
  return async (input, init) => {
    const res = await timed(input, init);
    if (res.status !== 429) return res;
    const waitMs = retryAfterMs(res.headers.get('retry-after'));
    if (waitMs === undefined || waitMs > maxRetryAfterMs) return res;
    await res.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    return timed(input, init);
  };
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Number(header) * 1000;
}
