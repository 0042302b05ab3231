/**
 * "Has this been done already?" for de-duplication: a replayed Slack request, a retried event. `claim`
 * resolves true the first time a key is claimed within `ttlMs`, false after. The in-memory version here is
 * per process; a shared store (SQLite, PostgreSQL) provides the same `claim(key, ttlMs)` so several
 * instances answer once between them.
 */
export interface Claims {
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/**
 * Claims held in a Map in insertion order (which, with one TTL per caller, is expiry order): expired keys
 * are dropped from the front on each claim, and past `maxEntries` the oldest go first, so memory stays
 * bounded under a flood of distinct keys.
 */
export function memoryClaims(opts: { maxEntries?: number; now?: () => number } = {}): Claims {
  const maxEntries = opts.maxEntries ?? 50_000;
  const now = opts.now ?? Date.now;
  const expiries = new Map<string, number>();
  return {
    async claim(key, ttlMs) {
      const t = now();
      for (const [k, expiry] of expiries) {
        if (expiry > t && expiries.size < maxEntries) break;
        expiries.delete(k);
      }
      const held = expiries.get(key);
      if (held !== undefined && held > t) return false;
      expiries.delete(key);
      expiries.set(key, t + ttlMs);
      return true;
    },
  };
}
