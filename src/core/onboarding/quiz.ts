import type { Owner } from '../../kb/ids.js';
import { ONBOARDING } from '../answer/messages.js';
import type {
  MessageReply,
  ProgressReply,
  QuizQuestionReply,
  QuizResultReply,
  QuizScore,
  Reply,
  ReplyMeta,
  Suggestion,
} from '../reply.js';
import { type Progress, type ProgressDocs, parseProgress, type Round } from './progress.js';
import { LEVELS, type LevelId, type QuizBank, type QuizQuestion } from './questions.js';

/**
 * The quiz: rounds of questions from the quiz bank, per player, kept in `ProgressDocs`. Buttons carry
 * `quiz answer <round> <question> <owner>`, so a click on an old message is checked against the round
 * it came from: it answers that question once, or says the round has moved on. Deterministic for a
 * given seed, player and round.
 */

export interface OnboardingInput {
  text: string;
  /** The player: `slack:<team>:<user>`, `teams:<tenant>:<user>`, `cli:local`. */
  userKey: string;
  now?: number;
}

export interface Onboarding {
  /** The reply to a quiz or progress message, or null when the text is not one (the engine's then). */
  handle(input: OnboardingInput): Promise<Reply | null>;
}

export interface OnboardingOptions {
  bank: QuizBank;
  progress: ProgressDocs;
  /** Mixed into each round's random draw; tests fix it. */
  seed?: string;
  /**
   * The store's event claims (first claim of a key wins): with replicas, two clicks on one question that
   * land on two processes at once still count once. Without it, one process serializes each player.
   */
  claims?: { claim(key: string, ttlMs?: number): Promise<boolean> };
}

/** Round sizes a player can ask for; the first is the default. */
export const ROUND_SIZES = [5, 10] as const;
/** A round with at least this share right unlocks the next level (4 of 5, 8 of 10). */
const PASS = 0.8;
/** Leitner boxes: a question in the last box is learned and comes back no more. */
const LAST_BOX = 4;

const CHOICE: Record<string, Owner> = {
  aws: 'aws',
  a: 'aws',
  you: 'customer',
  y: 'customer',
  me: 'customer',
  customer: 'customer',
  shared: 'shared',
  s: 'shared',
  both: 'shared',
};
const WORD: Record<Owner, string> = { aws: 'aws', customer: 'you', shared: 'shared' };

const META: ReplyMeta = {
  intent: 'help',
  service: null,
  topic: null,
  owner: null,
  control: null,
  confidence: 1,
};

export function createOnboarding(opts: OnboardingOptions): Onboarding {
  const { bank, progress } = opts;
  const locks = new Map<string, Promise<unknown>>();

  /** One player's messages are handled one at a time in this process, so two clicks never race. */
  function serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = locks.get(key) ?? Promise.resolve();
    const run = prev.then(work, work);
    const tail = run.catch(() => undefined);
    locks.set(key, tail);
    void tail.then(() => {
      if (locks.get(key) === tail) locks.delete(key);
    });
    return run;
  }

  async function load(userKey: string): Promise<Progress> {
    return parseProgress(await progress.get(userKey));
  }

  function startRound(p: Progress, userKey: string, size: number): Round {
    const id = p.rounds + 1;
    const level = LEVELS[p.level] as LevelId;
    const rand = mulberry32(hash(`${opts.seed ?? ''}:${userKey}:${id}`));
    const due = Object.entries(p.boxes)
      .filter(([q, b]) => b.due <= id && b.box < LAST_BOX && bank.get(q))
      .sort(([qa, a], [qb, b]) => a.due - b.due || a.box - b.box || (qa < qb ? -1 : 1))
      .slice(0, Math.ceil(size / 2))
      .map(([q]) => q);
    const pool = bank.of(level).map((q) => q.id);
    const fresh = shuffle(
      pool.filter((q) => !(q in p.boxes)),
      rand,
    );
    const again = shuffle(
      pool.filter((q) => q in p.boxes && !due.includes(q)),
      rand,
    );
    const picked = [...due, ...fresh, ...again].slice(0, size);
    const questions = shuffle(picked, rand);
    p.rounds = id;
    return {
      id,
      level,
      questions,
      reviews: questions.map((q) => due.includes(q)),
      answers: questions.map(() => null),
      right: 0,
    };
  }

  const score = (p: Progress, r: Round | null): QuizScore => ({
    right: r?.right ?? 0,
    answered: r?.answers.filter((a) => a !== null).length ?? 0,
    streak: p.streak,
  });

  function current(r: Round | null): number {
    return r ? r.answers.indexOf(null) : -1;
  }

  function questionReply(p: Progress, question: string): QuizQuestionReply {
    const r = p.round as Round;
    const i = current(r);
    const q = bank.get(r.questions[i] as string) as QuizQuestion;
    const choices: Suggestion[] = (['aws', 'customer', 'shared'] as const).map((o) => ({
      label: ONBOARDING.owner[o],
      text: `quiz answer ${r.id} ${i + 1} ${WORD[o]}`,
    }));
    return {
      kind: 'quiz_question',
      question,
      meta: META,
      index: i + 1,
      total: r.questions.length,
      level: ONBOARDING.levels[r.level],
      prompt: q.prompt,
      review: r.reviews[i] === true,
      choices,
      score: score(p, r),
    };
  }

  const message = (text: string, question: string, followUps: Suggestion[] = []): MessageReply => ({
    kind: 'message',
    question,
    meta: META,
    text,
    followUps,
  });

  async function play(userKey: string, size: number | null, question: string, now: number): Promise<Reply> {
    const p = await load(userKey);
    if (size === null && current(p.round) >= 0) return questionReply(p, question);
    p.round = startRound(p, userKey, size ?? ROUND_SIZES[0]);
    p.lastPlayed = now;
    await progress.put(userKey, p);
    return questionReply(p, question);
  }

  async function answer(
    userKey: string,
    roundId: number,
    index: number,
    chosen: Owner,
    question: string,
    now: number,
  ): Promise<Reply> {
    const p = await load(userKey);
    const r = p.round;
    if (!r || r.id !== roundId) {
      if (current(r) >= 0) return { ...questionReply(p, question), notice: ONBOARDING.stale };
      return message(ONBOARDING.stale, question, [{ label: ONBOARDING.newRound, text: 'quiz new' }]);
    }
    const i = index - 1;
    const said = r.answers[i];
    if (said === undefined) return message(ONBOARDING.malformed, question);
    if (said !== null) {
      const more = current(r) >= 0;
      return message(ONBOARDING.already(ONBOARDING.owner[said]), question, [
        more
          ? { label: ONBOARDING.nextQuestion, text: 'quiz next' }
          : { label: ONBOARDING.newRound, text: 'quiz new' },
      ]);
    }
    if (i !== current(r)) return message(ONBOARDING.malformed, question);
    const q = bank.get(r.questions[i] as string);
    if (!q) return message(ONBOARDING.malformed, question);
    if (opts.claims && !(await opts.claims.claim(`quiz:${userKey}:${r.id}:${index}`))) {
      // Another replica is scoring this very question now.
      return message(ONBOARDING.already(ONBOARDING.owner[chosen]), question, [
        { label: ONBOARDING.nextQuestion, text: 'quiz next' },
      ]);
    }

    const correct = chosen === q.owner;
    r.answers[i] = chosen;
    p.seen++;
    p.lastPlayed = now;
    // A question right the first time starts in box 2; a miss goes (back) to box 1.
    const box = p.boxes[q.id]?.box ?? 1;
    if (correct) {
      r.right++;
      p.right++;
      p.streak++;
      p.best = Math.max(p.best, p.streak);
      const next = Math.min(box + 1, LAST_BOX);
      p.boxes[q.id] = { box: next, due: r.id + 2 ** (next - 1) };
    } else {
      p.missed++;
      p.streak = 0;
      p.boxes[q.id] = { box: 1, due: r.id + 1 };
    }
    let summary: string | null = null;
    const finished = current(r) < 0;
    if (finished) {
      const passed = r.right >= PASS * r.questions.length;
      const unlocked = passed && p.level < LEVELS.length - 1 ? LEVELS[p.level + 1] : undefined;
      if (unlocked) p.level++;
      summary = ONBOARDING.roundDone(
        r.right,
        r.questions.length,
        ONBOARDING.levels[r.level],
        unlocked ? ONBOARDING.levels[unlocked] : null,
      );
    }
    await progress.put(userKey, p);
    const result: QuizResultReply = {
      kind: 'quiz_result',
      question,
      meta: { ...META, owner: q.owner, duty: q.id, control: q.control?.id ?? null },
      correct,
      chosen,
      owner: q.owner,
      headline: correct ? ONBOARDING.right : ONBOARDING.wrong(ONBOARDING.owner[q.owner]),
      reason: q.reason,
      control: q.control,
      source: q.source,
      score: score(p, r),
      summary,
      next: finished
        ? [
            { label: ONBOARDING.newRound, text: 'quiz new' },
            { label: ONBOARDING.progress, text: 'progress' },
          ]
        : [{ label: ONBOARDING.nextQuestion, text: 'quiz next' }],
    };
    return result;
  }

  async function showProgress(userKey: string, question: string, now: number): Promise<ProgressReply> {
    const p = await load(userKey);
    const due = Object.values(p.boxes).filter((b) => b.box === 1);
    const going = current(p.round) >= 0;
    return {
      kind: 'progress',
      question,
      meta: META,
      title: ONBOARDING.progressTitle,
      lines: ONBOARDING.progressLines({
        seen: p.seen,
        right: p.right,
        missed: p.missed,
        level: ONBOARDING.levels[LEVELS[p.level] as LevelId],
        best: p.best,
        due: due.length,
        lastPlayed: p.lastPlayed === null ? null : ago(now - p.lastPlayed),
      }),
      followUps: [
        going
          ? { label: ONBOARDING.continueQuiz, text: 'quiz' }
          : { label: ONBOARDING.tour.startQuiz, text: 'quiz new' },
        { label: ONBOARDING.takeTour, text: 'tour' },
      ],
    };
  }

  return {
    handle(input) {
      const text = input.text
        .trim()
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .replace(/^\/?srm /, '');
      const now = input.now ?? Date.now();
      const key = input.userKey;
      if (text === 'progress') return serial(key, () => showProgress(key, text, now));
      const m = /^quiz(?: (.*))?$/.exec(text);
      if (m) {
        const arg = m[1] ?? '';
        if (arg === '' || arg === 'next') return serial(key, () => play(key, null, text, now));
        if (arg === 'new') return serial(key, () => play(key, ROUND_SIZES[0], text, now));
        const size = ROUND_SIZES.find((s) => String(s) === arg);
        if (size) return serial(key, () => play(key, size, text, now));
        const a = /^answer (\d{1,9}) (\d{1,3}) ([a-z]+)$/.exec(arg);
        const owner = a ? CHOICE[a[3] as string] : undefined;
        if (!a || !owner) return Promise.resolve(message(ONBOARDING.malformed, text));
        return serial(key, () => answer(key, Number(a[1]), Number(a[2]), owner, text, now));
      }
      if (text === 'next') {
        // "next" carries on a round being played (the terminal's Next button); otherwise not ours.
        return serial(key, async () =>
          current((await load(key)).round) >= 0 ? play(key, null, text, now) : null,
        );
      }
      const typed = CHOICE[text.replace(/[.!?]+$/, '')];
      if (typed) {
        // A bare "aws" / "you" / "shared" answers the question being played, if one is.
        return serial(key, async () => {
          const p = await load(key);
          const i = current(p.round);
          if (!p.round || i < 0) return null;
          return answer(key, p.round.id, i + 1, typed, text, now);
        });
      }
      return Promise.resolve(null);
    },
  };
}

function ago(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

/** FNV-1a: a 32-bit seed from a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same rounds. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(list: readonly T[], rand: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
