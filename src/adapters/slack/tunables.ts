/**
 * The Slack adapter's limits and time-outs in one frozen place, each with how its value was chosen and
 * which test guards it.
 */
export const SLACK_TUNABLES = Object.freeze({
  /** Slack retries an event after 1 s, 1 min and 5 min; remembering ids for 10 min covers all three
   * (tests/adapters/slack/http.test.ts "answers a retried event once"). */
  dedupeTtlMs: 10 * 60_000,
  /** Web API retries for answers: a couple of quick retries, never Slack's default of ten over thirty
   * minutes, because an answer that arrives half an hour late is worse than an apology. */
  webApiRetries: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
  /** Time-out of one Web API call. */
  webApiTimeoutMs: 10_000,
  /** Start-up token check: one attempt, so a wrong SLACK_API_URL fails in seconds, not minutes
   * (tests/adapters/slack/startup.test.ts). */
  startupCheckTimeoutMs: 10_000,
  /** On shutdown, how long to wait for answers already being worked on. */
  drainTimeoutMs: 10_000,
});
