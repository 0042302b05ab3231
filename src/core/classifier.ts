import { BayesClassifier } from 'natural/lib/natural/classifiers/index.js';
import type { Entities } from './entities.js';
import type { IntentId } from './ids.js';

/**
 * The intent classifier: naive Bayes (natural) over stemmed words, with every recognised entity
 * replaced by a placeholder ("who patches rds" → who __topic __service), so "who patches X" is learnt
 * once for all services. Trained at start-up from `intents/` in milliseconds.
 */

export interface Scored {
  intent: IntentId;
  p: number;
}

export interface IntentClassifier {
  classify(e: Entities): Scored[];
}

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

export function trainClassifier(examples: { intent: IntentId; entities: Entities }[]): IntentClassifier {
  const bayes = new BayesClassifier();
  for (const ex of examples) bayes.addDocument(features(ex.entities), ex.intent);
  bayes.train();
  return {
    classify(e) {
      const raw = bayes.getClassifications(features(e));
      const total = raw.reduce((sum, r) => sum + r.value, 0);
      if (!(total > 0)) return [{ intent: 'out_of_scope', p: 0 }];
      return raw.map((r) => ({ intent: r.label as IntentId, p: r.value / total })).sort((a, b) => b.p - a.p);
    },
  };
}
