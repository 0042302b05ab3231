import type { types } from '@slack/bolt';
import type { ProgressReply } from '../../../core/reply.js';
import { ACTION } from '../actions.js';
import { actions, type Block, capBlocks, suggestionButtons } from './blocks.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { numberedFrom, onboardingBody } from './onboarding.js';

/** The App Home with the player's progress and a Continue button under the introduction. */
export function homeWithProgress(home: types.HomeView, progress: ProgressReply): types.HomeView {
  const { body, suggestions } = onboardingBody(progress);
  const own = [
    ...body,
    ...actions('srm_progress', numberedFrom(suggestionButtons(ACTION.followUp, suggestions), 20)),
  ];
  // After the title, the introduction and where to ask: the first things a returning player looks for.
  const blocks: Block[] = [
    ...(home.blocks as Block[]).slice(0, 3),
    { type: 'divider' as const },
    ...own,
    ...(home.blocks as Block[]).slice(3),
  ];
  return { ...home, blocks: capBlocks(blocks, [], BLOCK_KIT_LIMITS.homeBlocks) };
}
