import { createHash } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ReplyMeta } from './core/reply.js';

/**
 * Records what helps improve the knowledge base: "Helpful" / "Not quite" clicks and questions that
 * ended in a fallback or a clarification. One JSON line per record; user ids are hashed.
 */
export interface FeedbackRecord {
  type: 'helpful' | 'not_quite' | 'fallback' | 'clarify';
  platform: 'slack' | 'teams' | 'cli';
  question: string;
  answer: ReplyMeta | null;
  user: string;
  time: string;
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
      ready ??= mkdir(dirname(path), { recursive: true });
      await ready;
      const line: FeedbackRecord = { ...entry, user: hashUser(userId), time: new Date().toISOString() };
      await appendFile(path, `${JSON.stringify(line)}\n`, 'utf8');
    },
  };
}
