import type { WelcomeReply } from '../../../core/reply.js';
import { attach, type CardAttachment, card, text } from './elements.js';
import { escapeMarkdown, plain } from './markdown.js';
import { renderCard } from './reply.js';
import { TEAMS_TEXT } from './text.js';

/** Shown when the bot is added to a team or chat: the welcome reply (what it does, examples, commands). */
export function renderWelcomeCard(welcome: WelcomeReply): CardAttachment {
  return renderCard(welcome);
}

/** The one fixed, friendly sentence a user sees when answering failed, with the id to quote. */
export function renderError(correlationId: string): CardAttachment {
  const sentence = TEAMS_TEXT.apology(plain(correlationId, 100));
  return attach(card([text(`⚠️ ${escapeMarkdown(sentence)}`)], [], sentence));
}
