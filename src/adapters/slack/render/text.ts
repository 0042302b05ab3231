import { type EmojiToken, REPLY_LABELS } from '../../../core/answer/messages.js';
import type { Owner } from '../../../kb/ids.js';

/** Every sentence and label the Slack renderer writes; the words themselves come from the core. */
export const SLACK_TEXT = Object.freeze({
  ownerEmoji: { aws: ':cloud:', customer: ':bust_in_silhouette:', shared: ':handshake:' } as Record<
    Owner,
    string
  >,
  noOwnerEmoji: ':heavy_minus_sign:',
  /** The core's emoji tokens, as Slack's emoji codes. */
  emoji: { thumbs_up: ':+1:' } as Record<EmojiToken, string>,
  ...REPLY_LABELS,
  docs: 'Docs',
  helpful: 'Helpful',
  notQuite: 'Not quite',
  share: 'Share in channel',
  details: 'Details',
  less: 'Less',
  /** Short answers: one line for each side, then what can change the owner. */
  awsShort: 'AWS',
  yourShort: 'You',
  dependsOn: (conditions: string) => `Not always: ${conditions} (see Details)`,
  /** Screen-reader labels of the native thumbs. */
  helpfulLabel: 'This answer was helpful',
  notQuiteLabel: 'This answer was not quite right',
  assistant: {
    title: 'Who is responsible for what on AWS',
    promptsTitle: 'Try one of these',
    status: 'is looking that up…',
    /** Suggested prompts of the assistant panel: the title is shown, the message is sent (the core's
     * `tour` and `quiz` commands, which the core understands exactly). */
    prompts: [
      { title: 'Who patches RDS?', message: 'Who patches RDS?' },
      { title: 'Start the tour', message: 'tour' },
      { title: 'Quiz me', message: 'quiz' },
    ],
  },
  shortened: '… (shortened to fit in Slack)',
  askedBy: (user: string, question: string) => `<@${user}> asked: ${question}`,
  sharedBy: (user: string) => `Shared by <@${user}>`,
  /** A Slack channel as the ownership file writes it: an id becomes a link, a name stays text. */
  channel: (c: string) => (/^[CG][A-Z0-9]+$/.test(c) ? `<#${c}>` : c),
  home: {
    where:
      'Mention me in a channel (`@srm who patches RDS?`) and I answer in a thread, send me a direct message in ' +
      'the Messages tab, or use `/srm` anywhere: only you see the answer until you share it.',
    model: 'The model at a glance',
    examples: REPLY_LABELS.examples,
    examplesHint: 'Click one and I answer in our direct messages.',
    commands: REPLY_LABELS.commands,
    /** Slack's commands are the core's behind `/srm`, and a question works too. */
    ask: '`/srm <question>`: ask in your own words, for example `/srm who patches rds`',
    command: (usage: string, what: string) => `\`/srm ${usage}\`: ${what}`,
  },
  /** The pages a browser sees at the end of the OAuth install flow (render/install-page.ts). */
  install: {
    installedTitle: 'srm-bot is installed',
    installed: (workspace: string) =>
      `srm-bot is now in ${workspace}. Mention @srm in a channel, send it a direct message, or type /srm anywhere.`,
    openSlack: 'Open Slack',
    cancelledTitle: 'Installation cancelled',
    cancelled: 'Nothing was installed. To try again, open the install link again.',
    expiredTitle: 'This install link has expired',
    expired:
      'The install started in another browser or more than 10 minutes ago, so it cannot be finished here. Open the install link again.',
    noCodeTitle: 'Slack did not send an authorization code',
    noCode: 'Nothing was installed. Open the install link again.',
    failedTitle: 'The installation could not be completed',
    failed: (id: string) =>
      `Nothing was installed. Try again in a minute; if it keeps failing, give the app's owner this reference: ${id}.`,
  },
});
