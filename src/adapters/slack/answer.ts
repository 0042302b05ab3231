import type { types } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import type { Onboarding } from '../../core/onboarding/index.js';
import type { Reply } from '../../core/reply.js';
import type { FeedbackLog } from '../../feedback.js';
import type { Logger } from '../../log.js';

/** What every listener gets: the core, the feedback log, the logger and the prebuilt App Home view. */
export interface SlackDeps {
  engine: Engine;
  feedback: FeedbackLog;
  logger: Logger;
  homeView: types.HomeView;
  /** The tour's quiz and progress, per user; without it the core says the quiz is unavailable. */
  onboarding?: Onboarding;
}

/** Asks the core. The adapter adds nothing of its own: no matching, no thresholds, no prose. */
export async function ask(
  deps: SlackDeps,
  text: string,
  conversationKey: string,
  user: { team: string; user: string },
): Promise<Reply> {
  const quiz = await deps.onboarding?.handle({ text, userKey: slackUserKey(user.team, user.user) });
  return quiz ?? deps.engine.respond({ text, conversationKey });
}

/** Whose quiz progress: one per person and workspace, wherever they play. */
export function slackUserKey(team: string, user: string): string {
  return `slack:${team}:${user}`;
}
