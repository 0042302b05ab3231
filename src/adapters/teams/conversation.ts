import { type Activity, TurnContext } from 'botbuilder';
import type { AnswerRef, Asker } from '../../feedback.js';
import { TEAMS_TUNABLES } from './tunables.js';

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

/** The tenant a conversation belongs to (a feedback row's team); null when the activity names none. */
export function tenantOf(activity: Pick<Activity, 'conversation' | 'channelData'>): string | null {
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? (typeof fromChannel === 'string' ? fromChannel : null);
}

/** Who asked or clicked, for a feedback row (the user id is hashed there). */
export function askerOf(activity: Pick<Activity, 'conversation' | 'channelData' | 'from'>): Asker {
  return { platform: 'teams', team: tenantOf(activity), userId: userOf(activity).id };
}

/**
 * The answer a card button was on: Teams sends the id of the message holding the card as `replyToId`
 * (Action.Submit and Action.Execute alike); undefined when it does not.
 */
export function answerRefOf(activity: Pick<Activity, 'conversation' | 'replyToId'>): AnswerRef | undefined {
  const conversation = activity.conversation?.id;
  const message = activity.replyToId;
  return conversation && message ? { conversation, message } : undefined;
}

/**
 * The claim key of an activity: Bot Framework redelivers an activity it thinks was lost with the same
 * id, which is unique within its conversation.
 */
export function activityClaimKey(activity: Pick<Activity, 'conversation' | 'id'>): string | null {
  if (!activity.id || !activity.conversation?.id) return null;
  return `teams:activity:${activity.conversation.id}:${activity.id}`;
}

/**
 * The question without the bot's mention. Teams puts `<at>srm</at>` in the text and a mention entity
 * beside it; botbuilder removes the entity's text. Whatever `<at>…</at>` is left (the bot under another
 * display name, another person mentioned) is removed too: names are not part of the question. The core
 * drops any other markup. The text is cut to TEAMS_TUNABLES.maxInboundChars first, and the tags are found
 * by a scan that never goes back, so hostile text costs time in proportion to its length.
 */
export function questionText(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  activity.text = activity.text.slice(0, TEAMS_TUNABLES.maxInboundChars);
  try {
    TurnContext.removeRecipientMention(activity);
  } catch {
    // A malformed mention entity (no type, no `mentioned`): the tag pass below still removes the mention.
  }
  return stripAtTags(typeof activity.text === 'string' ? activity.text : '').trim();
}

const AT_OPEN = /<at(?:>|\s[^<>]*>)/gi;

/**
 * Replaces each `<at …>…</at>` with a space, in linear time: each opening tag is found once, and its
 * closing tag with one forward search; when an opening tag has no closing tag, no later one can either, so
 * the scan stops there (a regex with a lazy `[\s\S]*?` retried that search from every opening tag:
 * quadratic on text repeating `<at x`).
 */
export function stripAtTags(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let from = 0;
  AT_OPEN.lastIndex = 0;
  for (let m = AT_OPEN.exec(text); m !== null; m = AT_OPEN.exec(text)) {
    const close = lower.indexOf('</at>', AT_OPEN.lastIndex);
    if (close < 0) break;
    out += `${text.slice(from, m.index)} `;
    from = close + '</at>'.length;
    AT_OPEN.lastIndex = from;
  }
  return out + text.slice(from);
}

/** A short, log-friendly description of a turn, for the error boundary. */
export function describeTurn(activity: Partial<Activity>): { conversation: string; kind: string } {
  const kind = activity.type === 'invoke' ? `invoke:${activity.name ?? '?'}` : (activity.type ?? 'unknown');
  return { kind, conversation: `teams:${activity.conversation?.id ?? 'unknown'}` };
}
