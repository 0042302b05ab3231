/**
 * The sentences the Teams adapter sends that are not cards: the thanks after a feedback click and the
 * Universal Action toasts. Answers, choices, the welcome and the apology are cards, worded in
 * render/text.ts (TEAMS_TEXT there).
 */
export const TEAMS_REPLIES = Object.freeze({
  thanksHelpful: 'Thanks for the feedback!',
  thanksNotQuite:
    'Thanks, noted: your feedback was recorded and helps improve the answers. Try rephrasing the question, or type "help" to see what I know.',
  /** Universal Actions: the toast for a button whose data the bot does not recognise. */
  unknownAction: 'That button is not one I know. Ask me your question instead.',
  /** Universal Actions: the toast after a failure (the apology card is posted too). */
  failed: (id: string) => `Sorry, something went wrong on my side. (Reference: ${id})`,
});
