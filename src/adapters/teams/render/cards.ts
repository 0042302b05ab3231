import { EXAMPLES } from '../../../core/answer/messages.js';
import type { KnowledgeBase } from '../../../kb/load.js';
import {
  attach,
  type CardAttachment,
  type CardElement,
  card,
  heading,
  suggestionSet,
  text,
} from './elements.js';
import { escapeMarkdown, md, plain } from './markdown.js';
import { TEAMS_TEXT } from './text.js';

/** Shown when the bot is added to a team or chat: what it does, example questions, the commands. */
export function renderWelcomeCard(kb: Pick<KnowledgeBase, 'model' | 'services'>): CardAttachment {
  const w = TEAMS_TEXT.welcome;
  const body: CardElement[] = [
    text(escapeMarkdown(w.title), { weight: 'bolder', size: 'large' }),
    text(md(w.intro(kb.model.name, kb.services.length), 1000)),
    text(md(w.where, 500), { isSubtle: true }),
    heading(w.examples, '💬'),
    ...suggestionSet(EXAMPLES.slice(0, 4)),
    heading(w.commands, '⌨️'),
    ...w.commandList.map(([cmd, what], i) =>
      text(`**${escapeMarkdown(cmd)}**: ${escapeMarkdown(what)}`, { spacing: i === 0 ? 'small' : 'none' }),
    ),
  ];
  return attach(card(body, [], `${w.title}. ${w.where}`));
}

/** The one fixed, friendly sentence a user sees when answering failed, with the id to quote. */
export function renderError(correlationId: string): CardAttachment {
  const sentence = TEAMS_TEXT.apology(plain(correlationId, 100));
  return attach(card([text(`⚠️ ${escapeMarkdown(sentence)}`)], [], sentence));
}
