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
