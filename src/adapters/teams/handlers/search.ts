import type { MessagingExtensionQuery, MessagingExtensionResponse, TurnContext } from 'botbuilder';
import { ASK } from '../../../core/answer/messages.js';
import type { TeamsDeps } from '../answer.js';
import { userOf } from '../conversation.js';
import { renderCard } from '../render/reply.js';
import { renderSearch } from '../render/search.js';

/** The manifest's search command (teams/manifest.json `composeExtensions[0].commands[0].id`). */
export const SEARCH_COMMAND_ID = 'searchDuties';
/** Its one parameter: what the user typed. */
export const SEARCH_PARAMETER = 'searchText';

/**
 * A compose-box or command-box search (`composeExtension/query`): the core's duty search lists what
 * matches, and each result carries the compact answer card of its duty, asked of the engine as a
 * "duty <key>" command, so choosing a result inserts exactly what asking would answer. Teams waits 5
 * seconds for this; a search costs tens of milliseconds (tests/adapters/teams/search.test.ts).
 */
export async function searchQuery(
  deps: TeamsDeps,
  context: TurnContext,
  query: MessagingExtensionQuery,
): Promise<MessagingExtensionResponse> {
  const params = query.parameters ?? [];
  const initialRun = params.some((p) => p.name === 'initialRun' && String(p.value) === 'true');
  const typed = params.find((p) => p.name === SEARCH_PARAMETER)?.value;
  const text = initialRun || typeof typed !== 'string' ? '' : typed;
  const result = deps.search.search(text);
  const key = `teams:search:${userOf(context.activity).id}`;
  return renderSearch(result, (hit) =>
    renderCard(deps.engine.respond({ text: ASK.duty(hit.key), conversationKey: key })),
  ) as MessagingExtensionResponse;
}
