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
  /** Time-out of one Web API call, and of each post to a response_url (Bolt's respond() sets none: a
   * response_url that hangs held the listener, and shutdown, for ever; tests/app/shutdown.test.ts). */
  webApiTimeoutMs: 10_000,
  /** The longest Retry-After waited out on a 429, for that one call only; a longer one fails that call (the
   * user gets the apology) rather than holding it, and never holds anyone else's
   * (tests/adapters/slack/rate-limit.test.ts). Slack's usual Retry-After for chat.postMessage is 1 to 30 s;
   * an answer later than this is worth less than a prompt apology. */
  maxRetryAfterMs: 5_000,
  /** Start-up token check: one attempt, so a wrong SLACK_API_URL fails in seconds, not minutes
   * (tests/adapters/slack/startup.test.ts). */
  startupCheckTimeoutMs: 10_000,
  /** On shutdown, how long to wait for answers already being worked on. */
  drainTimeoutMs: 10_000,
  /** Largest request body read on /slack/events, checked before any signature work. Slack's payloads are
   * small: a slash command is a form of a few hundred bytes plus its text (at most 4,000 characters), a
   * block_actions payload carries the clicked message (our answers stay under 50 blocks), and a message
   * event's text is cut by Slack at 40,000 characters (the core reads the first 2,000). 256 KB holds a
   * full 40,000-character message with its rich-text blocks in any script; Bolt's own default is 10 MB
   * (tests/adapters/slack/front-door.test.ts "refuses a body over the size cap before reading it"). */
  maxBodyBytes: 256 * 1024,
  /** Deepest nesting accepted in a body; Slack's deepest (rich text in a clicked message) is about 12. */
  maxBodyDepth: 32,
  /** Signed requests are accepted only if their timestamp is within this of now, past or future (Slack's
   * own rule is 5 minutes; Bolt checks only the past). A signature seen again inside twice this is a replay
   * (tests/adapters/slack/front-door.test.ts). */
  timestampWindowMs: 5 * 60_000,
  /** Signatures kept in memory for replay protection where one process decides (src/adapters/slack/replay.ts):
   * about 12 MB. Past it the oldest are forgotten and requests signed as early as them are looked up in
   * the store instead; Slack sends a request within a second of signing it, so at 5,000 requests a second
   * the memory still holds the last 20 s (tests/adapters/slack/replay.test.ts). */
  replayWindowEntries: 100_000,
  /** Message text kept before any pattern runs over it: four times the core's 2,000-character cap
   * (src/core/tunables.ts), room for mentions and link markup in front of a full question
   * (tests/adapters/slack/inbound.test.ts). */
  maxInboundChars: 8_000,
});
