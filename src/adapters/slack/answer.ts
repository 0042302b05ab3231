import type { types } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import type { AdapterState } from '../state.js';

/**
 * What every listener gets: the core (for App Home), the conversations, feedback log and event claims
 * kept in the store, the logger and the prebuilt App Home view.
 */
export interface SlackDeps extends AdapterState {
  engine: Engine;
  logger: Logger;
  homeView: types.HomeView;
}

/**
 * Asks the core with the conversation's stored context. The adapter adds nothing of its own: no
 * matching, no thresholds, no prose.
 */
export function ask(deps: SlackDeps, text: string, conversationKey: string): Promise<Reply> {
  return deps.conversations.ask(text, conversationKey);
}
