import { type EmojiToken, REPLY_LABELS } from '../../../core/answer/messages.js';
import type { Owner } from '../../../kb/ids.js';

/** Every sentence and label the Teams cards write; the words themselves come from the core. */
export const TEAMS_TEXT = Object.freeze({
  ownerEmoji: { aws: '☁️', customer: '👤', shared: '🤝' } as Record<Owner, string>,
  noOwnerEmoji: '➖',
  ...REPLY_LABELS,
  moreDocs: 'More documentation',
  /** The compact answer's button that opens the whole answer. */
  details: 'Details',
  alsoAsk: 'You could also ask',
  helpful: '👍 Helpful',
  notQuite: '👎 Not quite',
  more: (n: number) => `…and ${n} more`,
  shortened: '… (shortened to fit in Teams: ask about one topic for the whole text)',
  askedBy: (name: string, question: string) => `Asked by ${name}: ${question}`,
  welcome: {
    where: 'Mention me in a channel (@srm who patches RDS?) or chat with me one to one.',
    examples: REPLY_LABELS.examples,
    commands: REPLY_LABELS.commands,
  },
  /** The core's emoji tokens, as the characters Teams shows. */
  emoji: { thumbs_up: '👍' } as Record<EmojiToken, string>,
});
