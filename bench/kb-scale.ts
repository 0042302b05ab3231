/**
 * Per-message cost as the knowledge base grows (issue 18 item 12): the engine built over the real
 * knowledge base, then over 10x and 100x as many services (each real service cloned under made-up,
 * one-word names and aliases, so the fuzzy index holds 10x and 100x the terms), answering messages that
 * each carry a word never seen before (the typo path, which used to scan every term). The cost per message
 * should stay flat: within 2x of the 1x figure.
 */
import { type EngineData, engineOver, loadEngineData } from '../src/app/boot.js';

export interface KbScaleRow {
  scale: number;
  services: number;
  /** Median microseconds per message. */
  medianUs: number;
  p99Us: number;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ru',
  'te',
  'so',
  'na',
  'vi',
  'pe',
  'du',
  'zo',
  'fa',
  'gi',
  'bu',
  'xe',
  'ho',
];

/** A made-up lowercase word for `n` (distinct for distinct n), three syllables at least. */
function pseudoWord(n: number, salt: number): string {
  let w = '';
  let x = n * 7 + salt;
  do {
    w += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  } while (x > 0 || w.length < 6);
  return w;
}

export function scaledData(base: EngineData, scale: number): EngineData {
  if (scale === 1) return base;
  const services = [...base.kb.services];
  let n = 0;
  for (let copy = 1; copy < scale; copy++) {
    for (const s of base.kb.services) {
      n += 1;
      const name = pseudoWord(n, 1);
      services.push({ ...s, id: `${s.id}-x${copy}`, name, aliases: [pseudoWord(n, 3)] });
    }
  }
  return { ...base, kb: { ...base.kb, services } };
}

function consonantWord(n: number): string {
  const letters = 'bcdfgjkpqvwxz';
  let w = 'zq';
  let x = n;
  do {
    w += letters[x % letters.length];
    x = Math.floor(x / letters.length);
  } while (x > 0);
  return w;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export function runKbScale(opts: { messages: number; scales?: number[] }): KbScaleRow[] {
  const base = loadEngineData({ dataDir: null, intentsDir: null });
  const rows: KbScaleRow[] = [];
  for (const scale of opts.scales ?? [1, 10, 100]) {
    const data = scaledData(base, scale);
    const engine = engineOver(data, 60_000, { answerCache: false });
    const times: number[] = [];
    for (let i = 0; i < opts.messages; i++) {
      // A word no cache has seen beside a real question: consonants only, so it is near no made-up name
      // (which alternate consonants and vowels) and takes the full typo path at every scale.
      const unseen = consonantWord(i);
      const text = `who patchs rdss ${unseen}`;
      const t0 = performance.now();
      engine.respond({ text, conversationKey: `bench:${scale}:${i}` });
      times.push((performance.now() - t0) * 1000);
    }
    times.sort((a, b) => a - b);
    rows.push({
      scale,
      services: data.kb.services.length,
      medianUs: Math.round(quantile(times, 0.5)),
      p99Us: Math.round(quantile(times, 0.99)),
    });
  }
  return rows;
}

export function kbScaleMarkdown(rows: KbScaleRow[]): string {
  const one = rows[0]?.medianUs ?? 1;
  const lines = [
    '## Cost per message as the knowledge base grows',
    '',
    'Each message carries a word never seen before (the typo path). Synthetic knowledge bases: every service',
    'cloned under made-up names; flat means within 2x of 1x.',
    '',
    '| knowledge base | services | median per message | p99 | vs 1x |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scale}x | ${r.services} | ${(r.medianUs / 1000).toFixed(2)} ms | ${(r.p99Us / 1000).toFixed(2)} ms | ${(r.medianUs / one).toFixed(2)}x |`,
    ),
    '',
  ];
  return lines.join('\n');
}
