/**
 * The Teams adapter's limits and time-outs in one frozen place, each with how its value was chosen and
 * which test guards it.
 */
export const TEAMS_TUNABLES = Object.freeze({
  /** Largest request body read on /api/messages. Teams caps a message at about 28 KB and sends files as
   * links, so a real activity with its channel data stays far below this; anything larger is refused
   * with 413 before it is parsed (tests/adapters/teams/http.test.ts "refuses a body over the size cap"). */
  maxBodyBytes: 256 * 1024,
  /** On shutdown, how long to wait for turns already being answered (the same as Slack's). */
  drainTimeoutMs: 10_000,
  /** Message text kept before any pattern runs over it: four times the core's 2,000-character cap
   * (src/core/tunables.ts), room for mention tags in front of a full question
   * (tests/adapters/teams/inbound.test.ts). */
  maxInboundChars: 8_000,
  /** Time-out of one call to the Bot Framework connector (a reply, the apology). botbuilder sets none, so
   * a connector that hangs held a turn, and shutdown, for ever; a reply normally takes well under a second
   * (tests/app/shutdown.test.ts). */
  connectorTimeoutMs: 10_000,
});
