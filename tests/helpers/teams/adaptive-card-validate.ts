import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import { TEAMS_LIMITS } from '../../../src/adapters/teams/render/limits.js';

/**
 * One checker for every Adaptive Card the tests see (rendered directly or posted to the fake Bot
 * Framework connector): the `adaptivecards` library's own parser and validator at schema 1.5, plus the
 * checks it does not make (empty texts, unescaped markup, link targets, size). It returns every
 * problem, so a failing test lists them all.
 *
 * The package's `lib/` build is ESM with extension-less imports that Node cannot load, and it imports
 * `swiper` (an optional peer that is not installed). Its `dist/` UMD bundle has everything inlined, and
 * parsing and validating need no DOM, so it is loaded with `require`.
 */
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Index of the first `ch` not escaped by a backslash at or after `from`, or -1. */
function unescapedIndex(text: string, ch: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === ch) return i;
  }
  return -1;
}

/**
 * Markup the renderer did not mean: a `[` that does not open an http(s) link (Teams renders no
 * HTML, and a `<at>` in card text is no mention without a mention entity). Deliberate links are `[label](https://…)` with the label's own brackets escaped.
 */
function markupProblem(text: string): string | undefined {
  let i = unescapedIndex(text, '[');
  while (i >= 0) {
    const close = unescapedIndex(text, ']', i + 1);
    const target = close >= 0 ? text.slice(close + 1).match(/^\((https?:\/\/[^\s()<>]+)\)/) : null;
    if (!target) return `"[" that is not a link in ${JSON.stringify(text.slice(i, i + 60))}`;
    i = unescapedIndex(text, '[', close + 1 + (target[0]?.length ?? 0));
  }
  return undefined;
}

function walk(node: unknown, where: string, problems: string[]): void {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) walk(n, `${where}[${i}]`, problems);
    return;
  }
  if (!isObj(node)) return;
  const type = node.type;
  if (type === 'TextBlock') {
    const text = node.text;
    if (typeof text !== 'string' || text.trim().length === 0)
      problems.push(`${where}: TextBlock without text`);
    else {
      const bad = markupProblem(text);
      if (bad) problems.push(`${where}: ${bad}`);
    }
    if (node.wrap !== true)
      problems.push(`${where}: TextBlock without wrap (Teams would cut it to one line)`);
  }
  if (typeof type === 'string' && type.startsWith('Action.')) {
    if (typeof node.title !== 'string' || node.title.trim() === '')
      problems.push(`${where}: action without title`);
    if (type === 'Action.Submit' && !isObj(node.data))
      problems.push(`${where}: Action.Submit without data object`);
    if (type === 'Action.OpenUrl' && !(typeof node.url === 'string' && /^https?:\/\//.test(node.url))) {
      problems.push(`${where}: Action.OpenUrl to ${String(node.url)}`);
    }
  }
  if (type === 'Fact') {
    for (const key of ['title', 'value'] as const) {
      const bad = typeof node[key] === 'string' ? markupProblem(node[key] as string) : undefined;
      if (bad) problems.push(`${where}.${key}: ${bad}`);
    }
  }
  for (const [key, value] of Object.entries(node)) {
    // Action.Submit data is posted back, never rendered: its text is not markdown.
    if (key !== 'data') walk(value, `${where}.${key}`, problems);
  }
}

/** Every problem with one card's JSON (the attachment's `content`); an empty list means valid. */
export function validateAdaptiveCard(content: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(content)) return ['card content is not an object'];
  if (content.type !== 'AdaptiveCard') problems.push(`type is ${String(content.type)}, not AdaptiveCard`);
  if (content.version !== '1.5') problems.push(`version is ${String(content.version)}, not 1.5`);
  if (!Array.isArray(content.body) || content.body.length === 0) problems.push('empty body');

  const bytes = Buffer.byteLength(JSON.stringify(content), 'utf8');
  if (bytes > TEAMS_LIMITS.attachmentBytes) {
    problems.push(`${bytes} bytes (max ${TEAMS_LIMITS.attachmentBytes} for one card)`);
  }

  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(content, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    const source = e.source instanceof AC.CardObject ? ` (${e.source.getJsonTypeName()})` : '';
    problems.push(`validate: ${AC.ValidationEvent[e.event]}${source}: ${e.message}`);
  }

  walk(content.body, 'body', problems);
  walk(content.actions, 'actions', problems);
  return problems;
}
