import type { NlpEntity } from '@nlpjs/basic';
import { INTENTS, type IntentId } from '../../src/kb/ids.js';
import type { IntentFile } from '../../src/kb/intents.js';
import type { KnowledgeBase } from '../../src/kb/load.js';
import { controlNames, createGlue, type Peer, serviceNames, topicNames } from './peer.js';

/**
 * Peer (a): an `@nlpjs/basic` NLU, as its README sets one up: the same intents and utterances, and
 * `service`, `topic` and `control` enum entities from the knowledge base's aliases and synonyms (nlp.js
 * matches enum texts with a small edit distance, so it tolerates typos). Below its own score threshold it
 * answers intent `None`, which becomes the fallback.
 */

/**
 * nlp.js's `threshold` (default 0.5): below it the intent is `None`. 0.3 had the most fully correct
 * answers of 0.3 to 0.7 on the labelled set (by about one point; the confidently wrong count did not
 * change), so the peer is shown at its best.
 */
export const NLPJS_THRESHOLD = 0.3;

export async function createNlpjsPeer(
  kb: KnowledgeBase,
  intents: IntentFile[],
  threshold = NLPJS_THRESHOLD,
): Promise<Peer> {
  // @nlpjs/logger builds a pino logger with the deprecated `prettyPrint` option when it is loaded, which
  // prints a deprecation warning unless NODE_ENV is production: load it quietly.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const { dockStart } = await import('@nlpjs/basic');
  if (env === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = env;

  const dock = await dockStart({
    use: ['Basic', 'LangEn'],
    settings: {
      nlp: {
        languages: ['en'],
        forceNER: true,
        autoLoad: false,
        autoSave: false,
        calculateSentiment: false,
        threshold,
        nlu: { log: false },
      },
    },
  });
  const nlp = dock.get('nlp');
  for (const { id, texts } of serviceNames(kb)) nlp.addNerRuleOptionTexts('en', 'service', id, texts);
  for (const { id, texts } of topicNames(kb)) nlp.addNerRuleOptionTexts('en', 'topic', id, texts);
  for (const { id, texts } of controlNames(kb)) nlp.addNerRuleOptionTexts('en', 'control', id, texts);
  for (const f of intents) for (const u of f.utterances) nlp.addDocument('en', u, f.intent);
  await nlp.train();

  const glue = createGlue(kb);
  const known = new Set<string>(INTENTS);
  return {
    name: 'nlp.js',
    async answer(text, conversationKey) {
      const r = await nlp.process('en', text);
      const intent = known.has(r.intent) ? (r.intent as IntentId) : null;
      const of = (name: string) => r.entities.filter((e) => e.entity === name && e.option);
      const services = [
        ...new Set(
          of('service')
            .sort((a, b) => a.start - b.start)
            .map((e) => e.option as string),
        ),
      ];
      return glue.decide(
        { intent, services, topic: best(of('topic')), control: best(of('control')) },
        conversationKey,
      );
    },
  };
}

/** The most accurate match, then the longest ("encryption at rest" over "encryption"), then the first. */
function best(found: NlpEntity[]): string | null {
  let top: NlpEntity | undefined;
  for (const e of found) {
    if (
      !top ||
      e.accuracy > top.accuracy ||
      (e.accuracy === top.accuracy && e.end - e.start > top.end - top.start)
    )
      top = e;
  }
  return top?.option ?? null;
}
