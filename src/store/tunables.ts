/** The store's tunables, in one frozen place. */
export const STORE_TUNABLES = Object.freeze({
  /**
   * How long an event claim blocks a repeat. Slack retries an event three times within about five
   * minutes (1 s, 1 min, 5 min) and Bot Framework's redeliveries are quicker, so 10 minutes covers every
   * retry with room to spare. Guarded by "claim expires" in tests/store/behaviour.ts.
   */
  claimTtlMs: 10 * 60_000,
  /**
   * How often expired context and claims are deleted. Reads already ignore expired rows, so this only
   * bounds the tables' size: a minute keeps the claims table at about ten minutes of events.
   */
  sweepIntervalMs: 60_000,
  /** The SQLite file's name inside SRM_STATE_DIR. */
  sqliteFile: 'srm.sqlite',
  /**
   * How long a SQLite writer waits for another process's write lock before failing. Writes take
   * microseconds, so 5 s is only reached when something holds the lock by mistake.
   */
  sqliteBusyTimeoutMs: 5_000,
  /** PostgreSQL pool size per process: every call is one statement, so a few connections suffice. */
  postgresPoolSize: 4,
});
