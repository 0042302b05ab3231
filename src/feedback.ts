import { createHash } from 'node:crypto';
import type { Reply, ReplyMeta } from './core/reply.js';
import type { Logger } from './log.js';
import { answeredKey } from './store/report.js';
import type { FeedbackLogStore, Platform, Verdict } from './store/types.js';

/**
 * Records what helps improve the knowledge base: "Helpful" / "Not quite" clicks and questions that
 * ended in a fallback or a clarification, as rows of the store's feedback table (`srm report` reads
 * them). User ids are hashed before they are written.
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
}

export interface FeedbackLog {
  record(entry: FeedbackEntry): Promise<void>;
}

export function hashUser(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 16);
}

const VERDICT: Record<Exclude<FeedbackEntry['type'], 'ask_team'>, Verdict> = {
  helpful: 'helpful',
  not_quite: 'not_quite',
  fallback: 'unanswered',
  clarify: 'unanswered',
};

/**
 * The feedback log over the store's feedback rows. An `ask_team` (a question sent to the owning team's
 * channel) is not a verdict on an answer and the feedback table has no place for the team, so it is
 * logged (hashed user, team, what was answered) rather than written as a row.
 */
export function createFeedbackLog(rows: Pick<FeedbackLogStore, 'append'>, logger?: Logger): FeedbackLog {
  return {
    async record({ type, platform, team, question, answer, userId, askedTeam }) {
      if (type === 'ask_team') {
        logger?.info(
          { platform, team, askedTeam, userHash: hashUser(userId), question, answered: answeredKey(answer) },
          'asked a team',
        );
        return;
      }
      await rows.append({
        platform,
        team,
        userHash: hashUser(userId),
        question,
        answered: answeredKey(answer),
        verdict: VERDICT[type],
      });
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
