/** Adaptive Card constants, Teams' limits and the renderer's own caps. */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** The schema version Teams renders on desktop and web (issue 5). */
export const ADAPTIVE_CARD_VERSION = '1.5';

/**
 * Teams' limits and the renderer's own caps. tests/adapters/teams/render/reply.test.ts renders every real reply
 * (all services' tables included) and synthetic huge ones against them, and tests/helpers/teams/
 * adaptive-card-validate.ts checks each card with the adaptivecards parser.
 */
export const TEAMS_LIMITS = Object.freeze({
  /** Teams rejects a bot message over about 28 KB ("MessageSizeTooBig"), counting the whole activity. */
  messageBytes: 28_000,
  /** What one card attachment may use: the activity around it (from, recipient, conversation,
   * serviceUrl, replyToId, channelData) takes 1 to 2 KB, so 4 KB are kept back. */
  attachmentBytes: 24_000,
  /** Buttons per ActionSet (and in the card's own actions). Teams shows up to 6 in a row; the
   * adaptivecards library's default host config flags more than 5, so 5 passes both. */
  actionsPerSet: 5,
  /** Suggestion buttons (follow-ups, did-you-mean choices, examples): one ActionSet. */
  suggestions: 5,
  /** Documentation buttons; further links are listed as text below them. */
  docButtons: 5,
  /** Teams cuts long button titles with an ellipsis anyway; a short title keeps the row readable. */
  buttonTitle: 60,
  /** A suggestion's question travels in the button's data and is asked as-is when clicked: a longer
   * one is left out rather than cut (a cut question would ask something else). */
  askText: 500,
  /** The question carried by a feedback button is only recorded; longer ones are shortened. */
  feedbackQuestion: 500,
  /** The answer's one line an "Ask <team>" button carries to the team's channel. */
  askTeamAnswer: 1000,
  askedByName: 100,
  askedByQuestion: 300,
  title: 200,
  /** Plain-text `fallbackText` of the card, for clients that cannot render it. */
  fallbackText: 300,
  /** Compared services per ColumnSet row: three columns still read in a Teams chat at full width. */
  compareColumns: 3,
});

/**
 * Tried in order until the card fits `attachmentBytes`: the longest text of one block, and how many
 * items a list keeps (table rows, sections, notes, controls, Security Hub ids, extra doc links). Real
 * replies fit at the first level (the largest service table is about a third of the budget); the others
 * keep huge synthetic replies within the limit (tests/adapters/teams/render/reply.test.ts "keeps a huge reply").
 */
export const FIT_LEVELS: readonly { text: number; items: number }[] = [
  { text: 4000, items: 40 },
  { text: 1500, items: 20 },
  { text: 600, items: 10 },
  { text: 250, items: 5 },
];
