import { describe, expect, it } from 'vitest';
import { buildEntityIndex } from '../../src/core/match/entities.js';
import { normalize, words } from '../../src/core/match/normalize.js';
import { stem } from '../../src/core/match/stem.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import { freshEngine } from '../helpers/engine.js';
import { DATA_DIR } from './helpers.js';

const kb = loadKnowledgeBase(DATA_DIR);

/** Every name the matcher indexes for a service: its id, its name and its aliases. */
function namesOf(s: (typeof kb.services)[number]): string[] {
  return [s.id, s.name, ...s.aliases];
}

/** Groups every service name by a key and returns the keys that more than one service claims. */
function clashes(key: (name: string) => string): string[] {
  const owners = new Map<string, Set<string>>();
  for (const s of kb.services) {
    for (const name of namesOf(s)) {
      const k = key(name);
      const set = owners.get(k) ?? new Set<string>();
      set.add(s.id);
      owners.set(k, set);
    }
  }
  return [...owners].filter(([, ids]) => ids.size > 1).map(([k, ids]) => `"${k}": ${[...ids].join(', ')}`);
}

describe('service aliases', () => {
  it('are never shared by two services as written', () => {
    expect(clashes((n) => n.toLowerCase())).toEqual([]);
  });

  it("are never shared by two services after the matcher's normalisation", () => {
    expect(clashes((n) => normalize(n))).toEqual([]);
  });

  it('are never shared by two services after stemming, which is how the matcher compares words', () => {
    expect(clashes((n) => words(normalize(n)).map(stem).join(' '))).toEqual([]);
  });

  it('are written in lower case without surrounding spaces', () => {
    const bad = kb.services.flatMap((s) => s.aliases.filter((a) => a !== a.trim().toLowerCase()));
    expect(bad).toEqual([]);
  });

  it('leave out STS: it is a separate service, not an alias of IAM', () => {
    const iam = kb.services.find((s) => s.id === 'iam');
    expect(iam?.aliases.filter((a) => /\bsts\b|security token/.test(a))).toEqual([]);
  });
});

describe('every alias resolves to its own service through the matcher', () => {
  const engine = freshEngine();
  const index = buildEntityIndex(engine.kb);
  const aliases = engine.kb.services.flatMap((s) => s.aliases.map((a) => [s.id, a] as const));

  it.each(aliases)('%s: "%s"', (id, alias) => {
    const reply = engine.respond({
      text: `who patches ${alias}`,
      conversationKey: `alias-test:${id}:${alias}`,
    });
    if (reply.meta.service === id) return;
    // Some aliases lose their first word to a longer phrase in "who patches ..." (e.g. "patches managed"
    // reads as the patch-management control): the alias on its own must still name the service.
    expect(index.extract(alias).services[0]?.id, `"who patches ${alias}" gave ${reply.meta.service}`).toBe(
      id,
    );
  });
});

describe('one-word duty objects', () => {
  // Everyday words of questions whose stem a one-word object must not share: "in general" is not
  // "generators", "set up" is not "settings", "back up" is not "UPS", "in transit" is not lifecycle
  // "transitions", "IP address" is not "IPS".
  const EVERYDAY = [
    'general',
    'generally',
    'set',
    'up',
    'transit',
    'ip',
    'id',
    'use',
    'need',
    'make',
    'shared',
    'part',
    'side',
    'own',
  ];
  const everyday = new Set(EVERYDAY.map(stem));
  it('share no stem with an everyday word of questions', () => {
    const bad: string[] = [];
    const check = (where: string, objects: readonly string[]) => {
      for (const o of objects)
        if (/^[a-z]+$/.test(o) && !EVERYDAY.includes(o) && everyday.has(stem(o))) bad.push(`${where}: ${o}`);
    };
    for (const s of kb.services)
      for (const e of Object.values(s.topics))
        if (e && 'duties' in e) for (const d of e.duties) check(`${s.id}.${d.id}`, d.objects);
    for (const d of kb.generalDuties) check(`model.${d.id}`, d.objects);
    expect(bad).toEqual([]);
  });
});
