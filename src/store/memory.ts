import { MIGRATIONS } from './migrations.js';
import {
  buildReport,
  encodeJson,
  type ReportCount,
  resolveFeedback,
  startSweeper,
  type TeamCount,
} from './shared.js';
import { STORE_TUNABLES } from './tunables.js';
import type { FeedbackInput, FeedbackRow, Store, StoreOptions } from './types.js';

/**
 * What an in-memory store holds. Two stores opened on one backing behave like two processes on one
 * database, which lets the shared behaviour suite run against this engine too.
 */
export interface MemoryBacking {
  context: Map<string, { json: string; expiresAt: number }>;
  claims: Map<string, number>;
  feedback: FeedbackRow[];
  progress: Map<string, string>;
  installations: Map<string, string>;
}

export function memoryBacking(): MemoryBacking {
  return {
    context: new Map(),
    claims: new Map(),
    feedback: [],
    progress: new Map(),
    installations: new Map(),
  };
}

/**
 * For unit tests of callers and for the terminal chat: nothing survives the process. Values are copied
 * through JSON on the way in and out, as the real engines do, so a caller cannot rely on object identity.
 */
export async function openMemoryStore(
  options: StoreOptions & { backing?: MemoryBacking } = {},
): Promise<Store> {
  const now = options.now ?? Date.now;
  const b = options.backing ?? memoryBacking();
  const sweep = async () => {
    const t = now();
    let n = 0;
    for (const [k, v] of b.context) if (v.expiresAt <= t && b.context.delete(k)) n++;
    for (const [k, v] of b.claims) if (v <= t && b.claims.delete(k)) n++;
    return n;
  };
  const stopSweeper = startSweeper(sweep, options);
  // As the SQL engines: a keyed row replaces the row with its key (keeping its id) unless that is newer.
  const write = (rows: readonly FeedbackInput[]) => {
    for (const r of resolveFeedback(rows, now)) {
      const i = r.answerKey === null ? -1 : b.feedback.findIndex((x) => x.answerKey === r.answerKey);
      const old = b.feedback[i];
      if (!old) b.feedback.push({ ...r, id: b.feedback.length + 1 });
      else if (r.at >= old.at) b.feedback[i] = { ...r, id: old.id };
    }
  };
  const held = (key: string): boolean => {
    const until = b.claims.get(key);
    return until !== undefined && until > now();
  };
  const claimNow = (key: string, ttlMs = STORE_TUNABLES.claimTtlMs): boolean => {
    if (held(key)) return false;
    b.claims.set(key, now() + ttlMs);
    return true;
  };
  const parse = (json: string | undefined) => (json === undefined ? undefined : JSON.parse(json));
  return {
    engine: 'memory',
    context: {
      async get(key) {
        const v = b.context.get(key);
        return v && v.expiresAt > now() ? parse(v.json) : undefined;
      },
      async set(key, value, ttlMs) {
        b.context.set(key, { json: encodeJson(value), expiresAt: now() + ttlMs });
      },
      async delete(key) {
        b.context.delete(key);
      },
    },
    claims: {
      async claim(key, ttlMs) {
        return claimNow(key, ttlMs);
      },
      local: {
        claim: claimNow,
        held,
        anyHeld(prefix) {
          const t = now();
          for (const [key, until] of b.claims) if (until > t && key.startsWith(prefix)) return true;
          return false;
        },
      },
    },
    feedback: {
      async append(row) {
        write([row]);
      },
      async appendMany(rows) {
        write(rows);
      },
      async rows(since, until) {
        return b.feedback
          .filter((r) => r.at >= since && r.at < until)
          .sort((x, y) => x.at.getTime() - y.at.getTime() || x.id - y.id)
          .map((r) => ({ ...r }));
      },
      async report(since, until) {
        const counts = new Map<string, ReportCount>();
        const teams = new Map<string, TeamCount>();
        for (const r of b.feedback) {
          if (r.verdict === 'helpful' || r.at < since || r.at >= until) continue;
          if (r.verdict === 'ask_team') {
            const k = JSON.stringify([r.askedTeam, r.answered, r.question]);
            const c = teams.get(k);
            if (c) c.count++;
            else
              teams.set(k, {
                asked_team: r.askedTeam ?? '',
                answered: r.answered,
                question: r.question,
                count: 1,
              });
            continue;
          }
          const k = JSON.stringify([r.answered, r.verdict, r.question]);
          const c = counts.get(k);
          if (c) c.count++;
          else counts.set(k, { answered: r.answered, verdict: r.verdict, question: r.question, count: 1 });
        }
        return buildReport([...counts.values()], [...teams.values()], since, until);
      },
    },
    progress: {
      async get(userKey) {
        return parse(b.progress.get(userKey));
      },
      async put(userKey, doc) {
        b.progress.set(userKey, encodeJson(doc));
      },
    },
    installations: {
      async get(id) {
        return b.installations.get(id);
      },
      async put(id, sealed) {
        b.installations.set(id, sealed);
      },
      async delete(id) {
        b.installations.delete(id);
      },
    },
    sweep,
    async migrations() {
      return MIGRATIONS.map((m) => m.version);
    },
    async close() {
      stopSweeper();
    },
  };
}
