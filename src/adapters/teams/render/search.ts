import { OWNER_LABEL, SEARCH } from '../../../core/answer/messages.js';
import type { DutyHit, DutySearchResult } from '../../../core/search/duties.js';
import type { CardAttachment } from './elements.js';
import { plain } from './markdown.js';
import { TEAMS_TEXT } from './text.js';

/**
 * The answer to a compose-box search (a message extension `composeExtension/query` invoke): a list of
 * duties, each with a preview (a thumbnail card: the duty, its owner, one line) and the compact answer
 * card that choosing it inserts. Nothing found: a message with the example questions. Pure: the types
 * are botbuilder's wire shapes written out here, so the renderer imports nothing of it.
 */

export const THUMBNAIL_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.thumbnail';

export interface SearchAttachment extends CardAttachment {
  preview: {
    contentType: typeof THUMBNAIL_CARD_CONTENT_TYPE;
    content: { title: string; subtitle: string; text: string };
  };
}

export type SearchResponse =
  | { composeExtension: { type: 'result'; attachmentLayout: 'list'; attachments: SearchAttachment[] } }
  | { composeExtension: { type: 'message'; text: string } };

/** The preview Teams lists for one duty: plain text (thumbnail cards render no markdown here). */
export function hitPreview(hit: DutyHit): SearchAttachment['preview'] {
  return {
    contentType: THUMBNAIL_CARD_CONTENT_TYPE,
    content: {
      title: plain(hit.title, 120),
      subtitle: `${TEAMS_TEXT.ownerEmoji[hit.owner]} ${OWNER_LABEL[hit.owner]}`,
      text: plain(hit.line, 200),
    },
  };
}

/** `cardOf` renders the card a hit inserts (the compact answer of its duty). */
export function renderSearch(
  result: DutySearchResult,
  cardOf: (hit: DutyHit) => CardAttachment,
): SearchResponse {
  if (result.kind === 'none') {
    const examples = result.examples.map((e) => `• ${e.label}`).join('\n');
    return {
      composeExtension: { type: 'message', text: `${SEARCH.none(plain(result.query, 60))}\n${examples}` },
    };
  }
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: result.hits.map((hit) => ({ ...cardOf(hit), preview: hitPreview(hit) })),
    },
  };
}
