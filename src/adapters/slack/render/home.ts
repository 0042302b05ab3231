import type { types } from '@slack/bolt';
import { EXAMPLES } from '../../../core/answer/messages.js';
import type { KnowledgeBase } from '../../../kb/load.js';
import { ACTION } from '../actions.js';
import {
  actions,
  type Block,
  capBlocks,
  context,
  fieldsSection,
  header,
  section,
  suggestionButtons,
} from './blocks.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { escapeText, fitText } from './mrkdwn.js';
import { SLACK_TEXT } from './text.js';

/** The App Home tab: what the bot does, the model at a glance, example questions, the commands. */
export function renderHome(kb: Pick<KnowledgeBase, 'model' | 'services'>): types.HomeView {
  const h = SLACK_TEXT.home;
  const m = kb.model;
  const blocks: Block[] = [
    header(h.title),
    section(fitText(h.intro, 2900)),
    section(fitText(h.where, 2900)),
    { type: 'divider' },
    header(h.model),
    section(fitText(m.summary, 2900)),
    fieldsSection([
      `${SLACK_TEXT.ownerEmoji.aws} *${fitText(m.ofTheCloud.title, 200)}*\n${fitText(m.ofTheCloud.summary, 1700)}`,
      `${SLACK_TEXT.ownerEmoji.customer} *${fitText(m.inTheCloud.title, 200)}*\n${fitText(m.inTheCloud.summary, 1700)}`,
    ]),
    { type: 'divider' },
    header(h.examples),
    context([fitText(h.examplesHint, 500)]),
    ...actions('srm_examples', suggestionButtons(ACTION.followUp, EXAMPLES)),
    { type: 'divider' },
    header(h.commands),
    section(h.commandList.map((c) => `• ${escapeText(c)}`).join('\n')),
  ];
  if (kb.services.length) {
    blocks.push(context([fitText(h.services(kb.services.map((s) => s.name)), BLOCK_KIT_LIMITS.contextText)]));
  }
  return { type: 'home', blocks: capBlocks(blocks, [], BLOCK_KIT_LIMITS.homeBlocks) };
}
