/**
 * TextBlock markdown: escaping, cutting and safe links. Every string that reaches a TextBlock goes
 * through `md` or `mdLine`, so user or knowledge-base text can never become a link, emphasis or a mention.
 */

/** Zero-width space: put before a line-start list marker, it stops the list and shows nothing. */
const ZWSP = '\u200B';

/**
 * Escapes what Teams renders as markup in a TextBlock, and nothing else, so text shows as typed and no
 * client (Teams mobile shows a backslash it does not need) shows stray backslashes: `[` `]` (links),
 * `*` `_` (emphasis) get a backslash; a list marker at the start of a line (`- `, `+ `, `1. `) gets a
 * zero-width space before it; a `<` that could open an HTML tag (`service <name>`, which Agents
 * Playground's renderer would swallow) gets one after it. Teams renders no headings, quotes, code or
 * strike in a card, so `#` `>` `` ` `` `~` stay as they are.
 * A backslash that would escape the character after it is doubled, so it shows too.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/[*_[\]]/g, '\\$&')
    .replace(/^(\s*)([-+]|\d+\.)(?=\s|$)/gm, `$1${ZWSP}$2`)
    .replace(/<(?=[A-Za-z/!?])/g, `<${ZWSP}`);
}

/** Cuts on code points so neither a surrogate pair nor anything else is split; ends in "…" when cut. */
export function cut(raw: string, max: number): string {
  if (raw.length <= max) return raw;
  let out = '';
  for (const ch of raw) {
    if (out.length + ch.length + 1 > max) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** Knowledge-base or user text as safe TextBlock markdown: cut, escaped, one paragraph per line. */
export function md(raw: string, max: number): string {
  return cut(raw.replace(/\r\n?/g, '\n'), max)
    .split(/\n+/)
    .map((line) => escapeMarkdown(line.trim()))
    .filter((line) => line.length > 0)
    .join('\n\n');
}

/** One line of user text (a name, a question): whitespace collapsed, cut, escaped. */
export function mdLine(raw: string, max: number): string {
  return escapeMarkdown(cut(raw.replace(/\s+/g, ' ').trim(), max));
}

/** Plain text for button titles and fallbackText (not markdown): one line, cut. */
export function plain(raw: string, max: number): string {
  return cut(raw.replace(/\s+/g, ' ').trim(), max);
}

/** An http(s) URL, normalized, for Action.OpenUrl; null for any other scheme or a malformed URL. */
export function httpUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}

/**
 * An http(s) URL safe inside a markdown link destination, or null: the characters that could end the
 * destination or start a code span are percent-encoded.
 */
export function safeUrl(raw: string): string | null {
  return (
    httpUrl(raw)?.replace(
      /[()[\]<>\s\\`]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    ) ?? null
  );
}

/** A deliberate markdown link: the label escaped, the URL made safe; plain label if the URL is not. */
export function mdLink(label: string, url: string, maxLabel = 200): string {
  const safe = safeUrl(url);
  const shown = mdLine(label, maxLabel);
  return safe ? `[${shown}](${safe})` : shown;
}
