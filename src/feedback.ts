import { createHash } from 'node:crypto';
import type { Reply, ReplyMeta } from './core/reply.js';
import type { Logger } from './log.js';
import { answeredKey } from './store/report.js';
import type { FeedbackLogStore, Platform, Verdict } from './store/types.js';

/**
 * Records what helps improve the knowledge base: "Helpful" / "Not quite" clicks, questions that ended
 * in a fallback or a clarification, and questions sent to a team ("Ask <team>"), as rows of the store's
 * feedback table (`srm report` reads them). User ids are hashed before they are written.
 */
export interface FeedbackEntry {
  type: 'helpful' | 'not_quite' | 'fallback' | 'clarify' | 'ask_team';
  platform: Platform;
  /** Slack team id or Teams tenant id; null from the terminal. */
  team: string | null;
  question: string;
  /** The answer's labels; the row keeps the duty or topic answered (see answeredKey). */
  answer: ReplyMeta | null;
  userId: string;
  /** `ask_team`: the team of the ownership file the question was sent to. */
  askedTeam?: string;
  /**
   * A click on an answer: the message it is on. With it, the person's newer click on the same answer
   * replaces the older one (see answerKey); without it (an adapter that cannot tell) the click is added.
   */
  on?: AnswerRef;
}

/**
 * One answer message on its platform: Slack's workspace, channel and message ts; Teams' tenant,
 * conversation and the id of the message holding the card (`replyToId`).
 */
export interface AnswerRef {
  conversation: string;
  message: string;
}

export interface FeedbackLog {
  record(entry: FeedbackEntry): Promise<void>;
}

export function hashUser(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 16);
}

/**
 * The key of one person's verdict on one answer message: the platform, then a hash of the workspace or
 * tenant, the conversation, the message and the user (so the key, like the row, holds no user id). Both
 * feedback buttons of an answer give the same key, so the store keeps the latest click only.
 */
export function answerKey(platform: Platform, team: string | null, on: AnswerRef, userId: string): string {
  const id = JSON.stringify([team, on.conversation, on.message, userId]);
  return `${platform}:${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
}

const VERDICT: Record<FeedbackEntry['type'], Verdict> = {
  helpful: 'helpful',
  not_quite: 'not_quite',
  fallback: 'unanswered',
  clarify: 'unanswered',
  ask_team: 'ask_team',
};

/**
 * The feedback log over the store's feedback rows. Helpful / Not quite clicks on a known message are
 * keyed (the latest click per person and answer wins); an `ask_team` is added with its team, each one
 * (every click posted the question to the team's channel). The logger, when given, notes each ask.
 */
export function createFeedbackLog(rows: Pick<FeedbackLogStore, 'append'>, logger?: Logger): FeedbackLog {
  return {
    async record({ type, platform, team, question, answer, userId, askedTeam, on }) {
      const verdict = type === 'helpful' || type === 'not_quite';
      const userHash = hashUser(userId);
      await rows.append({
        platform,
        team,
        userHash,
        question,
        answered: answeredKey(answer),
        verdict: VERDICT[type],
        answerKey: verdict && on ? answerKey(platform, team, on, userId) : null,
        askedTeam: type === 'ask_team' ? (askedTeam ?? null) : null,
      });
      if (type === 'ask_team') {
        logger?.info(
          { platform, team, askedTeam, userHash, question, answered: answeredKey(answer) },
          'asked a team',
        );
      }
    },
  };
}

/** Who asked, for a feedback row. */
export interface Asker {
  platform: Platform;
  team: string | null;
  userId: string;
}

/**
 * Questions that ended in a fallback or a clarification are recorded so the knowledge base can be
 * improved; every adapter calls this after posting its answer. A failing write is logged and does
 * not turn an answered question into an apology.
 */
export async function recordIfUnanswered(
  deps: { feedback: FeedbackLog; logger: Logger },
  asker: Asker,
  reply: Reply,
): Promise<void> {
  if (reply.kind !== 'fallback' && reply.kind !== 'clarify') return;
  try {
    await deps.feedback.record({
      type: reply.kind,
      platform: asker.platform,
      team: asker.team,
      question: reply.question,
      answer: reply.meta,
      userId: asker.userId,
    });
  } catch (err) {
    deps.logger.warn({ err, platform: asker.platform }, 'could not record an unanswered question');
  }
}
