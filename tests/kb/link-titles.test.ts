import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engine } from '../helpers/engine.js';
import { DATA_DIR } from './helpers.js';

/** Every cited page is shown with its title, never a name made up from its URL. */
describe('link titles', () => {
  const kb = engine().kb;
  const dutySources = (d: { sources: string[]; conditions: { sources: string[] }[] }) => [
    ...d.sources,
    ...d.conditions.flatMap((c) => c.sources),
  ];
  const cited = new Set<string>([
    ...kb.services.flatMap((s) =>
      Object.values(s.topics).flatMap((e) =>
        e && 'sources' in e ? [...e.sources, ...e.duties.flatMap(dutySources)] : [],
      ),
    ),
    ...kb.topics.flatMap((t) => t.general.sources),
    ...kb.generalDuties.flatMap(dutySources),
  ]);
  const file = JSON.parse(readFileSync(join(DATA_DIR, 'link-titles.json'), 'utf8')) as {
    titles: Record<string, string>;
  };

  it('has a title for every cited URL', () => {
    const untitled = [...cited].filter((u) => !kb.linkTitles.has(u));
    expect(untitled).toEqual([]);
  });

  it('link-titles.json lists only cited URLs that no docs list already names', () => {
    const named = new Set(kb.services.flatMap((s) => s.docs.map((d) => d.url)));
    const extra = Object.keys(file.titles).filter((u) => !cited.has(u) || named.has(u));
    expect(extra).toEqual([]);
  });

  it('answers show the title', () => {
    const r = engine().respond({ text: 'who patches rds', conversationKey: 'titles' });
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    for (const d of r.docs) expect(d.title, d.url).toBe(kb.linkTitles.get(d.url));
  });
});
