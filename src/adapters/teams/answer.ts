import type { Activity } from 'botbuilder';
import type { Engine } from '../../core/engine.js';
import type { Onboarding } from '../../core/onboarding/index.js';
import type { Reply } from '../../core/reply.js';
import type { FeedbackLog } from '../../feedback.js';
import type { Logger } from '../../log.js';
import type { CardAttachment } from './render/elements.js';
import { type CardRenderOptions, renderCard } from './render/reply.js';

/** What every handler gets: the core, the feedback log and the logger. */
export interface TeamsDeps {
  engine: Engine;
  feedback: FeedbackLog;
  logger: Logger;
  /** The tour's quiz and progress, per user; without it the core says the quiz is unavailable. */
  onboarding?: Onboarding;
  /** The bot's Microsoft App ID ('' when unauthenticated), for proactive posts ("Ask <team>"). */
  appId?: string;
}

/** Asks the core. The adapter adds nothing of its own: no matching, no thresholds, no prose. */
export async function ask(
  deps: TeamsDeps,
  text: string,
  conversationKey: string,
  userKey: string,
): Promise<Reply> {
  const quiz = await deps.onboarding?.handle({ text, userKey });
  return quiz ?? deps.engine.respond({ text, conversationKey });
}

/**
 * A message carrying one Adaptive Card. The card's own plain-text `fallbackText` also goes in the
 * activity's `summary`, which Teams shows where it does not show the card (notifications, the chat
 * list). Not in `text`: Teams displays `text` above the card, repeating its headline.
 */
export function cardMessage(card: CardAttachment): Partial<Activity> {
  const summary = summaryOf(card);
  return { type: 'message', attachments: [card], ...(summary ? { summary } : {}) };
}

/** A reply rendered as a card message. */
export function replyMessage(reply: Reply, opts?: CardRenderOptions): Partial<Activity> {
  return cardMessage(renderCard(reply, opts));
}

/** The card's plain-text fallback, if it has one. */
export function summaryOf(card: CardAttachment): string | undefined {
  const text = card.content.fallbackText;
  return typeof text === 'string' && text.trim() ? text : undefined;
}
