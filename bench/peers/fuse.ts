import Fuse, { type IFuseOptions } from 'fuse.js';
import { INTENTS, type IntentId } from '../../src/kb/ids.js';
import type { IntentFile } from '../../src/kb/intents.js';
import type { KnowledgeBase } from '../../src/kb/load.js';
import { controlNames, createGlue, type Peer, serviceNames, topicNames } from './peer.js';

/**
 * Peer (b): a plain `fuse.js` FAQ search. The intent is the intent of the closest example utterance
 * (none within Fuse's threshold → fallback); services, topics and controls are found by fuzzy-searching the
 * message's words and word pairs/triples in the aliases and synonyms.
 */

/** Settings for the utterance search and the name search; see FUSE_SETTINGS for how they were chosen. */
export interface FusePeerSettings {
  /** Options for the index of example utterances; its `threshold` is the out-of-scope threshold. */
  faq: IFuseOptions<{ text: string; intent: string }>;
  /** Fuse's threshold for names; word runs scoring at most this count as a mention. */
  nameThreshold: number;
}

/**
 * Utterances: Fuse's character-level (bitap) search with `ignoreLocation` (a question's key words can
 * be anywhere) and its default threshold, 0.6; a message with no utterance within it is out of scope.
 * Of the combinations tried on the labelled set (token search, i.e. TF-IDF over words; bitap with and
 * without `ignoreLocation`; an extra score cutoff from 0.3 to 0.9 on top), this had the most fully
 * correct answers, so the peer is shown at its best; a 0.8 cutoff would trade about three points of
 * those for a quarter fewer confidently wrong ones. Names: bitap with a strict 0.2, which lets about one
 * typo through in a word of five or more letters.
 */
export const FUSE_SETTINGS: FusePeerSettings = {
  faq: { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.6 },
  nameThreshold: 0.2,
};

export function createFusePeer(
  kb: KnowledgeBase,
  intents: IntentFile[],
  settings: FusePeerSettings = FUSE_SETTINGS,
): Peer {
  const faq = new Fuse(
    intents.flatMap((f) => f.utterances.map((text) => ({ text: text.toLowerCase(), intent: f.intent }))),
    settings.faq,
  );
  const finder = (entries: Array<{ id: string; texts: string[] }>) =>
    new Fuse(
      entries.flatMap((e) => e.texts.map((text) => ({ id: e.id, text }))),
      { keys: ['text'], includeScore: true, threshold: settings.nameThreshold },
    );
  const names = {
    service: finder(serviceNames(kb)),
    topic: finder(topicNames(kb)),
    control: finder(controlNames(kb)),
  };
  const glue = createGlue(kb);
  const known = new Set<string>(INTENTS);

  return {
    name: 'fuse.js',
    async answer(text, conversationKey) {
      const words = text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()
        .split(' ')
        .filter(Boolean);
      const top = words.length ? faq.search(words.join(' '), { limit: 1 })[0] : undefined;
      const intent = top && known.has(top.item.intent) ? (top.item.intent as IntentId) : null;
      const services = mentions(names.service, words).map((m) => m.id);
      const topic = mentions(names.topic, words)[0]?.id ?? null;
      const control = mentions(names.control, words)[0]?.id ?? null;
      return glue.decide({ intent, services: [...new Set(services)], topic, control }, conversationKey);
    },
  };
}

interface Mention {
  id: string;
  start: number;
  length: number;
  score: number;
}

/**
 * Searches every run of one to three words; keeps the best non-overlapping hits (longer runs first,
 * then lower scores) and returns them in message order. Words of two letters or fewer must match exactly
 * ("on" is not "s3").
 */
function mentions(index: Fuse<{ id: string; text: string }>, words: string[]): Mention[] {
  const found: Mention[] = [];
  for (let length = 3; length >= 1; length--) {
    for (let start = 0; start + length <= words.length; start++) {
      const phrase = words.slice(start, start + length).join(' ');
      // Fuse finds a pattern inside longer text ("the" in "athena"): the phrase must be about as long
      // as the name it matched.
      const hit = index
        .search(phrase, { limit: 5 })
        .find((h) => Math.abs(h.item.text.length - phrase.length) <= Math.max(1, phrase.length / 5));
      if (!hit) continue;
      if (phrase.length <= 2 && phrase !== hit.item.text) continue;
      found.push({ id: hit.item.id, start, length, score: hit.score ?? 1 });
    }
  }
  found.sort((a, b) => b.length - a.length || a.score - b.score);
  const taken = new Set<number>();
  const kept: Mention[] = [];
  for (const m of found) {
    const span = Array.from({ length: m.length }, (_, i) => m.start + i);
    if (span.some((i) => taken.has(i))) continue;
    for (const i of span) taken.add(i);
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
