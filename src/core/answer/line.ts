/**
 * The first sentence of a text, cut at a word to `max` characters (with "…" when cut): the one line a
 * compact answer or a search result shows of each side.
 */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^.*?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
  if (sentence.length <= max) return sentence;
  const cutAt = sentence.lastIndexOf(' ', max - 1);
  return `${sentence.slice(0, cutAt > max / 2 ? cutAt : max - 1).replace(/[\s,;:]+$/, '')}…`;
}
