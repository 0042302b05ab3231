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
});
