import type { types } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import type { Reply } from '../../core/reply.js';
import type { FeedbackLog } from '../../feedback.js';
import type { Logger } from '../../log.js';

/** What every listener gets: the core, the feedback log, the logger and the prebuilt App Home view. */
export interface SlackDeps {
  engine: Engine;
  feedback: FeedbackLog;
  logger: Logger;
  homeView: types.HomeView;
}

/** Asks the core. The adapter adds nothing of its own: no matching, no thresholds, no prose. */
export function ask(deps: SlackDeps, text: string, conversationKey: string): Reply {
  return deps.engine.respond({ text, conversationKey });
}

/**
 * Questions that ended in a fallback or a clarification are recorded so the knowledge base can be
 * improved. Called after the answer is posted; a failing log write is logged and does not turn an
 * answered question into an apology.
 */
export async function recordIfUnanswered(deps: SlackDeps, reply: Reply, userId: string): Promise<void> {
  if (reply.kind !== 'fallback' && reply.kind !== 'clarify') return;
  try {
    await deps.feedback.record({
      type: reply.kind,
      platform: 'slack',
      question: reply.question,
      answer: reply.meta,
      userId,
    });
  } catch (err) {
    deps.logger.warn({ err, platform: 'slack' }, 'could not write the feedback log');
  }
}
