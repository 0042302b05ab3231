import type { EventClaims, LocalClaims } from '../../store/types.js';
import { SLACK_TUNABLES } from './tunables.js';

/**
 * Replay protection for signed Slack requests: the same body and timestamp always give the same
 * signature, so a signature seen twice while its timestamp is accepted (a window either side of now) is a
 * replay. `fresh` says whether a signature is new, and claims it.
 *
 * On PostgreSQL (several replicas) the store's claim decides, as one statement per request: a replay sent
 * to another replica is refused too.
 *
 * Where one process decides alone (the store has `local` claims: SQLite, which is for one instance), a
 * window of the signatures this process accepted decides at once, in memory, and the claim is written to
 * the store with its next group commit, after the ack: the request goes on in the same turn of the event
 * loop, with no statement before its answer. The window is complete for a request signed at T when
 * nothing this process has forgotten, and no process before it, could have accepted T; otherwise the
 * store decides (at once too), so a restart keeps the guarantee:
 *
 * - a process that ran before this one accepted T at some t before this one started, with T at most a
 *   window after t; so if the store held a live signature claim when this one started, requests signed
 *   earlier than a window after the start are looked up in the store;
 * - the window keeps at most SLACK_TUNABLES.replayWindowEntries signatures; the oldest one forgotten to
 *   make room moves that bound up to its own timestamp. Signatures are otherwise forgotten only once
 *   their timestamp is out of the window (such a request is refused before it gets here).
 *
 * A crash between an answer and the next commit (a few milliseconds) forgets that request's claim.
 *
 * Claims are keyed `slack:signature:<timestamp>:<signature>`: ordered by time, a second's claims sit
 * together in the claims index, so a commit rewrites a few of its pages, where keys by signature alone
 * (random) touched a page each (the store's time per message grew by about 40% as the table reached half
 * a million claims). Claims written by the version before, under `slack:signature:<signature>`,
 * are looked up too whenever the store decides. On PostgreSQL, where replicas of both versions may run
 * side by side during a deploy, the key stays `slack:signature:<signature>`.
 */
export interface ReplayGuard {
  /** True for a signature not seen before (now claimed); false for a replay. */
  fresh(signature: string, timestampSeconds: number): boolean | Promise<boolean>;
}

const PREFIX = 'slack:signature:';
/** A timestamp is accepted up to a window either side of now, so a claim must outlive both. */
const CLAIM_TTL_MS = 2 * SLACK_TUNABLES.timestampWindowMs;
const bySignature = (signature: string) => `${PREFIX}${signature}`;
const byTime = (signature: string, timestampSeconds: number) => `${PREFIX}${timestampSeconds}:${signature}`;

export function replayGuard(opts: {
  claims: EventClaims;
  now?: () => number;
  /** Most signatures kept in memory (SLACK_TUNABLES.replayWindowEntries). */
  capacity?: number;
  /** Told when a claim accepted from memory could not be written to the store. */
  onWriteError?: (err: unknown) => void;
}): ReplayGuard {
  const { claims } = opts;
  const local = claims.local;
  if (!local) return { fresh: (signature) => claims.claim(bySignature(signature), CLAIM_TTL_MS) };
  const now = opts.now ?? Date.now;
  const capacity = Math.max(1, opts.capacity ?? SLACK_TUNABLES.replayWindowEntries);
  const windowMs = SLACK_TUNABLES.timestampWindowMs;
  const onWriteError =
    opts.onWriteError ??
    ((err: unknown) =>
      process.emitWarning(`srm: a Slack request's claim was not stored: ${String(err)}`, 'SrmStoreWarning'));
  /**
   * The signatures accepted, and the same in the order accepted (about the order of their timestamps) in
   * a ring of `capacity` slots with each one's timestamp in seconds. (A Map used as a queue slows down as
   * it goes: the entries deleted from its front stay as holes that each later walk from the front steps
   * over: 37 µs a request at 100,000 signatures, against about 1 µs here.)
   */
  const seen = new Set<string>();
  const ring: Array<string | undefined> = new Array(capacity);
  const stamps = new Float64Array(capacity);
  let head = 0;
  let size = 0;
  const dropOldest = () => {
    seen.delete(ring[head] as string);
    ring[head] = undefined;
    head = (head + 1) % capacity;
    size--;
  };
  /** Requests signed before this (ms since the epoch) are decided by the store. */
  let storeDecidesBefore = local.anyHeld(PREFIX) ? now() + windowMs : Number.NEGATIVE_INFINITY;

  return {
    fresh(signature, timestampSeconds) {
      // Forget what can no longer be replayed: its timestamp is out of the window.
      const oldest = now() - windowMs;
      while (size > 0 && (stamps[head] as number) * 1000 < oldest) dropOldest();
      if (seen.has(signature)) return false;
      if (timestampSeconds * 1000 < storeDecidesBefore) {
        if (!storeClaims(local, signature, timestampSeconds)) return false;
      } else {
        claims.claim(byTime(signature, timestampSeconds), CLAIM_TTL_MS).catch(onWriteError);
      }
      if (size === capacity) {
        // Full: the oldest is forgotten, and the store decides for requests signed as early as it.
        storeDecidesBefore = Math.max(storeDecidesBefore, ((stamps[head] as number) + 1) * 1000);
        dropOldest();
      }
      const slot = (head + size) % capacity;
      ring[slot] = signature;
      stamps[slot] = timestampSeconds;
      size++;
      seen.add(signature);
      return true;
    },
  };
}

/** The store decides: a claim under either key, this version's or the one before's, makes a replay. */
function storeClaims(local: LocalClaims, signature: string, timestampSeconds: number): boolean {
  if (local.held(bySignature(signature))) return false;
  return local.claim(byTime(signature, timestampSeconds), CLAIM_TTL_MS);
}
