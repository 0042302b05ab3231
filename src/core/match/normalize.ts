/**
 * Turns platform-neutral text into plain lower-case words: drops links, emoji, HTML markup and
 * punctuation, and straightens curly quotes. The result is what the matcher reads. Platform syntax
 * (mentions, Slack's links and emoji codes) is removed by each adapter's inbound translation first.
 */
export function normalize(raw: string): string {
  // Plain lower-case words, as most data phrases and many messages are, are normalized already.
  if (PLAIN.test(raw)) return raw;
  let t = raw;
  t = t.replace(/<\/?[a-z][^>]*>/gi, ' '); // HTML markup (<p>, <br>)
  t = t.replace(/\bhttps?:\/\/\S+/gi, ' ');
  t = t
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  t = t.replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/gu, ' ');
  t = t.replace(/[\u2018\u2019\u201A\u201B\u2032`´]/g, "'").replace(/[\u201C\u201D\u201E\u2033]/g, '"');
  t = t.normalize('NFKC').toLowerCase();
  t = t.replace(/\b(aws|amazon)'s\b/g, '$1'); // AWS's network devices → aws network devices
  t = t.replace(/\b(customers)'(?=\s)/g, '$1'); // other customers' vpcs
  t = t.replace(/'/g, ''); // what's → whats, doesn't → doesnt
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** Words of a normalized text. */
export function words(normalized: string): string[] {
  return normalized === '' ? [] : normalized.split(' ');
}
