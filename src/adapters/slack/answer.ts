import type { types } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import type { Onboarding } from '../../core/onboarding/index.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import type { AdapterState, Answered } from '../state.js';
import type { SlackInstallations } from './oauth/installation-store.js';

/**
 * What every listener gets: the core (for App Home), the conversations, feedback log and event claims
 * kept in the store, the logger and the prebuilt App Home view.
 */
export interface SlackDeps extends AdapterState {
  engine: Engine;
  logger: Logger;
  homeView: types.HomeView;
  /** The tour's quiz and progress, per user; without it the core says the quiz is unavailable. */
  onboarding?: Onboarding;
  /** Many workspaces (OAuth): the installations, which an uninstall deletes. Absent with one bot token. */
  installations?: SlackInstallations;
}

/**
 * Asks the core: a quiz answer goes to the person's quiz, anything else to the engine with the
 * conversation's stored context. The adapter adds nothing of its own: no matching, no thresholds, no
 * prose.
 */
export async function ask(
  deps: SlackDeps,
  text: string,
  conversationKey: string,
  user: { team: string; user: string },
): Promise<Reply> {
  const quiz = await deps.onboarding?.handle({ text, userKey: slackUserKey(user.team, user.user) });
  return quiz ?? deps.conversations.ask(text, conversationKey);
}

/**
 * Like `ask`, without waiting for the follow-up context to be stored (see Conversations.answer): for an
 * answer that goes out in the ack. A quiz answer is stored by the quiz before it is returned.
 */
export async function answerEarly(
  deps: SlackDeps,
  text: string,
  conversationKey: string,
  user: { team: string; user: string },
): Promise<Answered> {
  const quiz = await deps.onboarding?.handle({ text, userKey: slackUserKey(user.team, user.user) });
  return quiz ? { reply: quiz, saved: SAVED } : deps.conversations.answer(text, conversationKey);
}
const SAVED = Promise.resolve();

/** Whose quiz progress: one per person and workspace, wherever they play. */
export function slackUserKey(team: string, user: string): string {
  return `slack:${team}:${user}`;
}
