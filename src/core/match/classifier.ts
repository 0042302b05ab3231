import type { IntentId } from '../../kb/ids.js';
import type { Entities } from './entities.js';
import { stem } from './stem.js';

/**
 * The intent classifier: naive Bayes over stemmed words, with every recognised entity
 * replaced by a placeholder ("who patches rds" → who __topic __service), so "who patches X" is learnt
 * once for all services. Trained at start-up from `intents/` in a few milliseconds.
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
/** Words too common in any AWS chat to show a message is about responsibility. */
const GENERIC = new Set(['aw', 'amazon', 'cloud', 'servic', 'us', 'our', 'use', 'need', 'get', 'make']);

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

/**
 * Multinomial naive Bayes in log space with add-one smoothing; scores are turned into probabilities
 * with a softmax. (natural's BayesClassifier was tried first: its smoothing divides by document counts,
 * so short messages such as "hello" came out nearly flat across intents, and importing its classifiers
 * index costs about 100 ms of start-up.)
 */
export function trainClassifier(
  examples: { intent: IntentId; entities: Entities }[],
  stopwords: ReadonlySet<string>,
): IntentClassifier {
  const docs = new Map<IntentId, number>();
  const counts = new Map<IntentId, Map<string, number>>();
  const totals = new Map<IntentId, number>();
  const vocabulary = new Set<string>();
  // Words that in-scope examples use more than the others (per example): "responsible", "secure",
  // "patch"; not "today" or "weather". A message with none of them and no entity is out of scope.
  const inScope = new Map<string, number>();
  const outside = new Map<string, number>();
  let inScopeDocs = 0;
  let outsideDocs = 0;
  for (const ex of examples) {
    docs.set(ex.intent, (docs.get(ex.intent) ?? 0) + 1);
    const c = counts.get(ex.intent) ?? new Map<string, number>();
    counts.set(ex.intent, c);
    for (const f of features(ex.entities)) {
      c.set(f, (c.get(f) ?? 0) + 1);
      totals.set(ex.intent, (totals.get(ex.intent) ?? 0) + 1);
      vocabulary.add(f);
    }
    const outOfDomain = OUT_OF_DOMAIN.has(ex.intent);
    if (outOfDomain) outsideDocs++;
    else inScopeDocs++;
    const into = outOfDomain ? outside : inScope;
    for (const w of new Set(ex.entities.rest)) {
      if (!stopwords.has(w)) into.set(stem(w), (into.get(stem(w)) ?? 0) + 1);
    }
  }
  const domain = new Set<string>();
  for (const [w, n] of inScope) {
    if (GENERIC.has(w)) continue;
    if (n / Math.max(1, inScopeDocs) > (outside.get(w) ?? 0) / Math.max(1, outsideDocs)) domain.add(w);
  }
  const n = examples.length;
  const v = vocabulary.size;
  const model = [...docs].map(([intent, d]) => {
    const c = counts.get(intent) as Map<string, number>;
    const denominator = Math.log((totals.get(intent) ?? 0) + v);
    return { intent, prior: Math.log(d / n), c, denominator };
  });
  return {
    classify(e) {
      const inScopeWords = e.rest.filter((w) => !stopwords.has(w) && domain.has(stem(w))).length;
      const fs = features(e).filter((f) => vocabulary.has(f));
      const logs = model.map((m) => {
        let score = m.prior;
        for (const f of fs) score += Math.log((m.c.get(f) ?? 0) + 1) - m.denominator;
        return { intent: m.intent, score };
      });
      const max = Math.max(...logs.map((l) => l.score));
      const exps = logs.map((l) => ({ intent: l.intent, e: Math.exp(l.score - max) }));
      const sum = exps.reduce((s, x) => s + x.e, 0);
      const scores = exps.map((x) => ({ intent: x.intent, p: x.e / sum })).sort((a, b) => b.p - a.p);
      return { scores, inScopeWords };
    },
  };
}
