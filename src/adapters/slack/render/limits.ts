/**
 * Slack's documented Block Kit limits (docs.slack.dev reference/block-kit). Slack rejects a payload that
 * breaks one (`invalid_blocks`), so the renderer truncates instead. tests/helpers/slack/blockkit-limits.ts
 * checks every payload the tests see against the same numbers.
 */
export const BLOCK_KIT_LIMITS = Object.freeze({
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** Slack accepts 3,000 per text object; context lines are kept well below for readability. */
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  contextActionsElements: 5,
  /** Documentation links on a short answer, before Details (issue 16). */
  shortDocs: 2,
  /** One line for each side on a short answer. */
  shortLine: 300,
  /** Slack accepts 40,000 characters of `text` but recommends 4,000; a fallback only needs a summary. */
  fallbackText: 3000,
});
