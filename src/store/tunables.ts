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
  /**
   * WAL pages (4 KiB) after which a commit checkpoints the WAL into the database file. SQLite's default,
   * 1,000, put a checkpoint (two fsyncs, a few ms on this machine's disk) under about one message in
   * 300 and the per-message p99 at 0.3 to 4 ms; 10,000 (a 40 MB WAL) checkpoints ten times less often,
   * and as the same hot pages are rewritten each one costs little more: p99 about 70 µs, at the price of
   * a longer stall (tens of ms) about once in 3,000 messages. Measured by bench/store.ts.
   */
  sqliteWalAutocheckpointPages: 10_000,
  /** After a checkpoint, the WAL file is truncated back to this size, so disk use stays bounded. */
  sqliteJournalSizeLimitBytes: 64 * 1024 * 1024,
  /** PostgreSQL pool size per process: every call is one statement, so a few connections suffice. */
  postgresPoolSize: 4,
});
