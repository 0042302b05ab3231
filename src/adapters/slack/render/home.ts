import type { types } from '@slack/bolt';
import { ONBOARDING } from '../../../core/answer/messages.js';
import type { WelcomeReply } from '../../../core/reply.js';
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
import { numberedFrom } from './onboarding.js';
import { SLACK_TEXT } from './text.js';

/** The welcome reply as blocks: what the bot does, the model at a glance, example questions, the commands. */
export function welcomeBlocks(w: WelcomeReply): Block[] {
  const h = SLACK_TEXT.home;
  const commands = [h.ask, ...w.commands.map((c) => h.command(c.usage, c.what))];
  return [
    header(w.title),
    section(fitText(w.intro, 2900)),
    section(fitText(h.where, 2900)),
    { type: 'divider' },
    header(h.model),
    section(fitText(w.model.summary, 2900)),
    fieldsSection(
      w.model.layers.map(
        (l) => `${SLACK_TEXT.ownerEmoji[l.owner]} *${fitText(l.heading, 200)}*\n${fitText(l.text, 1700)}`,
      ),
    ),
    { type: 'divider' },
    section(fitText(ONBOARDING.newHere, 500)),
    ...actions('srm_start', numberedFrom(suggestionButtons(ACTION.followUp, w.start), 10)),
    { type: 'divider' },
    header(h.examples),
    context([fitText(h.examplesHint, 500)]),
    ...actions('srm_examples', suggestionButtons(ACTION.followUp, w.examples)),
    { type: 'divider' },
    header(h.commands),
    section(commands.map((c) => `• ${escapeText(c)}`).join('\n')),
    context([fitText(w.services, BLOCK_KIT_LIMITS.contextText)]),
  ];
}

/** The App Home tab: the welcome reply, within the Home view's block limit. */
export function renderHome(w: WelcomeReply): types.HomeView {
  return { type: 'home', blocks: capBlocks(welcomeBlocks(w), [], BLOCK_KIT_LIMITS.homeBlocks) };
}
