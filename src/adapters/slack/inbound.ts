import { SLACK_TUNABLES } from './tunables.js';

/**
 * Slack's inbound translation: message text as Slack sends it, made platform-neutral for the core.
 * Mentions of users, channels and groups (`<@U024BE7LH>`, `<#C123|general>`, `<!here>`) are not part of
 * the question and are removed; a link keeps its label (`<https://…|the docs>` → `the docs`), a bare link
 * is kept as its URL (the core drops URLs); emoji codes (`:thinking_face:`) become emoji characters, so
 * the core can tell a message of emoji alone (a thumbs-up after an answer) from an empty one. Slack's own
 * escapes (`&lt;` `&gt;` `&amp;`) are left for the core, which decodes HTML entities from any platform.
 * The text is cut to SLACK_TUNABLES.maxInboundChars before any pattern runs, and no pattern's run can
 * cross a `<` (Slack escapes a typed one as `&lt;`), so a failed match never rescans: linear time on
 * hostile text such as `<@<@<@…`.
 */
export function fromSlack(text: string): string {
  return text
    .slice(0, SLACK_TUNABLES.maxInboundChars)
    .replace(/<[@#!][^<>]*>/g, ' ')
    .replace(/<((?:https?|mailto):[^|<>]*)\|([^<>]*)>/gi, ' $2 ')
    .replace(/<((?:https?|mailto):[^<>]*)>/gi, ' $1 ')
    .replace(/:([a-z0-9_+-]+):/gi, (_code, name: string) => EMOJI[name.toLowerCase()] ?? ANY_EMOJI)
    .trim();
}

/** The emoji codes people send after an answer; any other code stands for "some emoji". */
const EMOJI: Record<string, string> = {
  '+1': '👍',
  thumbsup: '👍',
  '-1': '👎',
  thumbsdown: '👎',
  pray: '🙏',
  tada: '🎉',
  white_check_mark: '✅',
  ok_hand: '👌',
  thinking_face: '🤔',
};
const ANY_EMOJI = '🙂';
