import { createHash } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Reply, ReplyMeta } from './core/reply.js';
import type { Logger } from './log.js';

/**
 * Records what helps improve the knowledge base: "Helpful" / "Not quite" clicks and questions that
 * ended in a fallback or a clarification. One JSON line per record; user ids are hashed.
 */
export interface FeedbackRecord {
  type: 'helpful' | 'not_quite' | 'fallback' | 'clarify' | 'ask_team';
  platform: 'slack' | 'teams' | 'cli';
  question: string;
  answer: ReplyMeta | null;
  user: string;
  time: string;
  /** `ask_team`: the team of the ownership file the question was sent to. */
  team?: string;
}

export interface FeedbackLog {
  record(entry: Omit<FeedbackRecord, 'user' | 'time'> & { userId: string }): Promise<void>;
}

export function hashUser(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 16);
}

export function createFeedbackLog(path: string): FeedbackLog {
  let ready: Promise<unknown> | undefined;
  return {
    async record({ userId, ...entry }) {
      // A folder that could not be created (a full disk, a mount not there yet) is tried again next time.
      ready ??= mkdir(dirname(path), { recursive: true }).catch((err: unknown) => {
        ready = undefined;
        throw err;
      });
      await ready;
      const line: FeedbackRecord = { ...entry, user: hashUser(userId), time: new Date().toISOString() };
      await appendFile(path, `${JSON.stringify(line)}\n`, 'utf8');
    },
  };
}

/**
 * Questions that ended in a fallback or a clarification are recorded so the knowledge base can be
 * improved; every adapter calls this after posting its answer. A failing log write is logged and does
 * not turn an answered question into an apology.
 */
export async function recordIfUnanswered(
  deps: { feedback: FeedbackLog; logger: Logger },
  platform: FeedbackRecord['platform'],
  reply: Reply,
  userId: string,
): Promise<void> {
  if (reply.kind !== 'fallback' && reply.kind !== 'clarify') return;
  try {
    await deps.feedback.record({
      type: reply.kind,
      platform,
      question: reply.question,
      answer: reply.meta,
      userId,
    });
  } catch (err) {
    deps.logger.warn({ err, platform }, 'could not write the feedback log');
  }
}
