import { OWNERS, type Owner } from '../../kb/ids.js';
import { LEVELS, type LevelId } from './questions.js';

/**
 * Where onboarding progress is kept: one JSON document per user key. The same shape as the store's
 * `ProgressDocs` (src/store/types.ts on the `store` branch), so the composition root swaps
 * `memoryProgress()` for `store.progress` in one line.
 */
export interface ProgressDocs {
  get(userKey: string): Promise<unknown>;
  put(userKey: string, doc: unknown): Promise<void>;
}

/** Progress kept in this process only (lost on restart, not shared between replicas). */
export function memoryProgress(): ProgressDocs {
  const docs = new Map<string, string>();
  return {
    async get(key) {
      const raw = docs.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
    },
    async put(key, doc) {
      docs.set(key, JSON.stringify(doc));
    },
  };
}

/** A round being played: its questions in order and the answers given so far. */
export interface Round {
  id: number;
  level: LevelId;
  questions: string[];
  /** Which questions came back from the Leitner boxes (missed before). */
  reviews: boolean[];
  answers: (Owner | null)[];
  right: number;
}

/** One player's progress, as stored. */
export interface Progress {
  v: 1;
  seen: number;
  right: number;
  missed: number;
  /** Index into LEVELS: the level the next round is drawn from. */
  level: number;
  streak: number;
  best: number;
  lastPlayed: number | null;
  /** Rounds started; a round's id is this count when it started. */
  rounds: number;
  /** Leitner boxes by question id: box 1 comes back next round, box n after 2^(n-1) rounds. */
  boxes: Record<string, { box: number; due: number }>;
  round: Round | null;
}

export function emptyProgress(): Progress {
  return {
    v: 1,
    seen: 0,
    right: 0,
    missed: 0,
    level: 0,
    streak: 0,
    best: 0,
    lastPlayed: null,
    rounds: 0,
    boxes: {},
    round: null,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Reads a stored document; anything unreadable (another version, a hand edit) starts afresh. */
export function parseProgress(raw: unknown): Progress {
  if (!isRecord(raw) || raw.v !== 1) return emptyProgress();
  const p = raw as unknown as Progress;
  const counts = [p.seen, p.right, p.missed, p.level, p.streak, p.best, p.rounds];
  if (!counts.every(count) || p.level >= LEVELS.length || !isRecord(p.boxes)) return emptyProgress();
  if (p.round !== null) {
    const r = p.round;
    if (
      !isRecord(r) ||
      !count(r.id) ||
      !LEVELS.includes(r.level) ||
      !Array.isArray(r.questions) ||
      !Array.isArray(r.answers) ||
      !Array.isArray(r.reviews) ||
      r.answers.length !== r.questions.length ||
      !r.answers.every((a) => a === null || OWNERS.includes(a))
    )
      return { ...p, round: null };
  }
  return p;
}
