import { BayesClassifier } from 'natural/lib/natural/classifiers/index.js';
import type { Entities } from './entities.js';
import type { IntentId } from './ids.js';
import { stem } from './stem.js';

/**
 * The intent classifier: naive Bayes (natural) over stemmed words, with every recognised entity
 * replaced by a placeholder ("who patches rds" → who __topic __service), so "who patches X" is learnt
 * once for all services. Trained at start-up from `intents/` in milliseconds.
 */

export interface Scored {
  intent: IntentId;
  p: number;
}

export interface Classification {
  /** Intents by probability, highest first; probabilities sum to 1. */
  scores: Scored[];
  /** How many of the message's content words (not stopwords, not entities) occur in in-scope examples. */
  inScopeWords: number;
}

export interface IntentClassifier {
  classify(e: Entities): Classification;
}

const OUT_OF_DOMAIN: ReadonlySet<IntentId> = new Set(['out_of_scope', 'smalltalk', 'help']);

/** The classifier's view of a message: placeholders for entities, stems for the other words. */
export function features(e: Entities): string[] {
  const out: string[] = [];
  const at = new Map<number, string>();
  for (const m of [...e.services, ...e.topics, ...e.controls, ...e.serviceModels]) {
    for (let i = m.start; i < m.end; i++) at.set(i, `__${m.kind}`);
  }
  let last = '';
  e.stems.forEach((s, i) => {
    const f = at.get(i) ?? s;
    if (f !== last || !f.startsWith('__')) out.push(f);
    last = f;
  });
  for (const c of e.cues) out.push(`__cue_${c}`);
  return out;
}

export function trainClassifier(
  examples: { intent: IntentId; entities: Entities }[],
  stopwords: ReadonlySet<string>,
): IntentClassifier {
  const bayes = new BayesClassifier();
  // Words that only in-scope examples use: "responsible", "secure", "patch"; not "today" or "weather".
  const domain = new Set<string>();
  const outside = new Set<string>();
  for (const ex of examples) {
    bayes.addDocument(features(ex.entities), ex.intent);
    const into = OUT_OF_DOMAIN.has(ex.intent) ? outside : domain;
    for (const w of ex.entities.rest) if (!stopwords.has(w)) into.add(stem(w));
  }
  for (const w of outside) domain.delete(w);
  bayes.train();
  return {
    classify(e) {
      const inScopeWords = e.rest.filter((w) => !stopwords.has(w) && domain.has(stem(w))).length;
      const raw = bayes.getClassifications(features(e));
      const total = raw.reduce((sum, r) => sum + r.value, 0);
      if (!(total > 0)) return { scores: [{ intent: 'out_of_scope', p: 0 }], inScopeWords };
      const scores = raw
        .map((r) => ({ intent: r.label as IntentId, p: r.value / total }))
        .sort((a, b) => b.p - a.p);
      return { scores, inScopeWords };
    },
  };
}
