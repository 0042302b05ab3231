import { SLACK_TEXT } from './text.js';

/** Slack mrkdwn: escaping, cutting and links. Every string that reaches Slack goes through here. */

/**
 * Escapes Slack's three control characters so text is shown as typed: `<!channel>` in a user's message
 * becomes visible text, never a mention. Applied to every piece of user and knowledge-base text.
 */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes `raw` and cuts it so the escaped result is at most `max` characters, ending in "…" when cut.
 * Cuts on code points before escaping, so neither an entity (`&amp;`) nor a surrogate pair is split.
 */
export function fitText(raw: string, max: number): string {
  const escaped = escapeText(raw);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const ch of raw) {
    const piece = escapeText(ch);
    if (out.length + piece.length + 1 > max) break;
    out += piece;
  }
  return `${out.trimEnd()}…`;
}

/** Cuts already-escaped mrkdwn at a line boundary (never inside a link or an entity). */
export function cutMrkdwn(mrkdwn: string, max: number): string {
  if (mrkdwn.length <= max) return mrkdwn;
  const room = max - SLACK_TEXT.shortened.length - 1;
  let out = '';
  for (const line of mrkdwn.split('\n')) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > room) break;
    out = next;
  }
  // A first line longer than the room is cut inside, backing off from an open entity or link.
  if (out === '') out = cutEscaped(mrkdwn.split('\n')[0] ?? '', room);
  return out ? `${out}\n${SLACK_TEXT.shortened}` : SLACK_TEXT.shortened;
}

function cutEscaped(s: string, n: number): string {
  let cut = s.slice(0, n);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return cut.trimEnd();
}

/** A mrkdwn link; the URL's own `&` `<` `>` `|` are encoded so the link cannot break out. */
export function link(url: string, label: string, maxLabel = 200): string {
  const safeUrl = url
    .replace(/&/g, '&amp;')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\|/g, '%7C')
    .replace(/\s/g, '%20');
  return `<${safeUrl}|${fitText(label, maxLabel).replace(/\|/g, '¦')}>`;
}

/** Joins whole items (never cutting one) until the budget is spent. */
export function joinWithin(items: string[], sep: string, max: number): string {
  let out = '';
  for (const item of items) {
    const next = out ? `${out}${sep}${item}` : item;
    if (next.length > max) break;
    out = next;
  }
  return out;
}

export const isUserId = (id: string): boolean => /^[UW][A-Z0-9]{2,}$/.test(id);
