import { type Activity, TurnContext } from 'botbuilder';

/**
 * Conversation keys: the core keeps follow-up context ("and lambda?") per key. Like Slack's, context is
 * per conversation and per person: `teams:<conversation id>:<user id>`. In a channel the conversation id
 * already names the reply thread (`19:…@thread.tacv2;messageid=…`), so a thread's context stays in it, and
 * two people in one thread do not inherit each other's questions. In a 1:1 chat it is the chat.
 */
export function conversationKey(activity: Pick<Activity, 'conversation' | 'from'>): string {
  return `teams:${activity.conversation?.id ?? 'unknown'}:${activity.from?.id ?? 'unknown'}`;
}

/** Whose quiz progress: one per person (their Azure AD object id when Teams sends it). */
export function userKey(activity: Pick<Activity, 'from'>): string {
  return `teams:${activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown'}`;
}

/** Who clicked or asked, for the feedback log (hashed there) and "asked by" lines. */
export function userOf(activity: Pick<Activity, 'from'>): { id: string; name: string | undefined } {
  return { id: activity.from?.id ?? 'unknown', name: activity.from?.name || undefined };
}

const AT_TAG = /<at(?:\s[^>]*)?>[\s\S]*?<\/at>/gi;

/**
 * The question without the bot's mention. Teams puts `<at>srm</at>` in the text and a mention entity
 * beside it; botbuilder removes the entity's text. Whatever `<at>…</at>` is left (the bot under another
 * display name, another person mentioned) is removed too: names are not part of the question. The core
 * drops any other markup.
 */
export function questionText(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  try {
    TurnContext.removeRecipientMention(activity);
  } catch {
    // A malformed mention entity (no type, no `mentioned`): the tag pass below still removes the mention.
  }
  return (activity.text ?? '').replace(AT_TAG, ' ').trim();
}

/** A short, log-friendly description of a turn, for the error boundary. */
export function describeTurn(activity: Partial<Activity>): { conversation: string; kind: string } {
  const kind = activity.type === 'invoke' ? `invoke:${activity.name ?? '?'}` : (activity.type ?? 'unknown');
  return { kind, conversation: `teams:${activity.conversation?.id ?? 'unknown'}` };
}
