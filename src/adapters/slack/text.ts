/**
 * The sentences the Slack adapter sends that are not rendered replies: the thanks after a feedback click.
 * Answers and the App Home are worded in render/text.ts.
 */
export const SLACK_REPLIES = Object.freeze({
  thanksHelpful: 'Thanks for the feedback!',
  thanksNotQuite:
    'Thanks, noted: it helps improve the answers. Try rephrasing the question, or `/srm help` to see what I know.',
  feedbackNotSaved:
    'Sorry, your feedback could not be saved just now (nothing else went wrong). Please click the button again in a minute.',
});
