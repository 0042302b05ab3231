import { words as stopwords } from 'natural/lib/natural/util/stopwords.js';
import type { ControlId, ServiceModelId, TopicId } from '../../kb/ids.js';
import type { KnowledgeBase } from '../../kb/load.js';
import { TUNABLES } from '../tunables.js';
import { DeleteIndex, LruCache } from './deletes.js';
import { boundedEditDistance } from './distance.js';
import { normalize, words } from './normalize.js';
import { stem } from './stem.js';

/**
 * Finds what a message is about: services (by name, alias, abbreviation, with typos), topics and
 * controls (by synonyms, after stemming), service models, and cue words (compare, the model itself,
 * other clouds). Everything is built from the knowledge base once, at start-up.
 */

export type EntityKind = FuzzyKind | 'control' | 'serviceModel' | 'cue' | 'otherService';
export type Cue =
  | 'compare'
  | 'explain'
  | 'model'
  | 'controls'
  | 'overview'
  | 'otherCloud'
  | 'onPremises'
  | 'offTopic'
  | 'trouble'
  | 'limits'
  | 'howTo'
  | 'action'
  | 'pronoun'
  | 'followUp';

export interface Match<T extends string = string> {
  kind: EntityKind;
  id: T;
  start: number;
  end: number;
  /** 1 for an exact match, lower for an edit-distance match. */
  confidence: number;
  /** The words of the message that matched. */
  text: string;
}

export interface Entities {
  words: string[];
  stems: string[];
  services: Match[];
  topics: Match<TopicId>[];
  controls: Match<ControlId>[];
  serviceModels: Match<ServiceModelId>[];
  /** AWS services the knowledge base does not cover (exact names only); id = the service's name. */
  otherServices: Match[];
  cues: Set<Cue>;
  /** Words not consumed by any entity, for the classifier and the follow-up rule. */
  rest: string[];
}

interface Phrase {
  kind: EntityKind;
  id: string;
  stems: string[];
  /** The phrase as written, for words that must match as written (vocabulary `surfaceOnly`). */
  words: string[];
}

/** Function words, which say nothing about the topic of a message. */
const STOPWORDS: ReadonlySet<string> = new Set(stopwords);

/** Shortest stem a typo may be matched to when only the stems are close in length. */
const STEM_ONLY_MIN = 6;

const NAMES_A_SERVICE: ReadonlySet<EntityKind> = new Set(['service', 'otherService']);

/**
 * The word lists of data/vocabulary.json the matcher reads as sets: surface-only words ("workspaces" is
 * Amazon WorkSpaces, "workspace" a Slack or Terraform one) and the products after which they are not
 * AWS's.
 */
interface Surface {
  only: ReadonlySet<string>;
  notAfter: ReadonlySet<string>;
}

function surfaceMatches(p: Phrase, k: number, ws: string[], at: number, surface: Surface): boolean {
  const written = p.words[k] as string;
  const said = ws[at] as string;
  // Short service abbreviations match as written (or with a plural s), never by stem: the stem of
  // "ebs" is "eb" and of "kms" is "km", which are not those services.
  if (p.kind === 'service' && written.length <= 4 && p.words.length === 1) {
    return said === written || said === `${written}s` || said === `${written}es`;
  }
  // A request to act is an imperative as written ("enable guardduty"); "enabling guardduty", an exam
  // statement of a task, shares its stem and is a question about who does it.
  if (p.kind === 'cue' && p.id === 'action' && k === 0) return said === written;
  if (!surface.only.has(written)) return true;
  return said === written && !(k === 0 && surface.notAfter.has(ws[at - 1] ?? ''));
}

type FuzzyKind = 'service' | 'topic' | 'control' | 'serviceModel';

export interface EntityIndex {
  /** `exact: true` skips typo matching (training examples are spelt as meant, and it halves start-up). */
  extract(text: string, opts?: { exact?: boolean }): Entities;
  /** Function words, which say nothing about the topic of a message. */
  readonly stopwords: ReadonlySet<string>;
}

function phrasesFor(
  kind: EntityKind,
  id: string,
  names: string[],
  surfaceOnly: ReadonlySet<string>,
): Phrase[] {
  const seen = new Set<string>();
  const out: Phrase[] = [];
  for (const n of names) {
    const ws = words(normalize(n));
    if (ws.length === 0) continue;
    const stems = ws.map(stem);
    const key = ws.some((w) => surfaceOnly.has(w)) ? ws.join(' ') : stems.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind, id, stems, words: ws });
  }
  return out;
}

/** Builds the matcher's phrase tables from the knowledge base; `vocabulary` is extra known words. */
export function buildEntityIndex(kb: KnowledgeBase, vocabulary: Iterable<string> = []): EntityIndex {
  const v = kb.vocabulary;
  const surface: Surface = { only: new Set(v.surfaceOnly), notAfter: new Set(v.notAfter) };
  const phrasesOf = (kind: EntityKind, id: string, names: string[]) =>
    phrasesFor(kind, id, names, surface.only);
  const requestPrefixes = v.requestPrefixes.map((p) => p.split(' '));
  const notATransposition = new Set(v.notATransposition);
  const phrases: Phrase[] = [];
  for (const s of kb.services) {
    phrases.push(...phrasesOf('service', s.id, [s.name, ...s.aliases]));
  }
  for (const t of kb.topics) phrases.push(...phrasesOf('topic', t.id, [t.name, ...t.synonyms]));
  for (const c of kb.controls) phrases.push(...phrasesOf('control', c.id, [c.name, ...c.synonyms]));
  for (const m of kb.serviceModels.models) phrases.push(...phrasesOf('serviceModel', m.id, m.synonyms));
  for (const [cue, list] of Object.entries(v.cues)) phrases.push(...phrasesOf('cue', cue, list));
  for (const o of kb.otherServices) phrases.push(...phrasesOf('otherService', o.name, o.aliases));

  // First stem → phrases, longest first, so the longest phrase at a position wins.
  const byFirst = new Map<string, Phrase[]>();
  for (const p of phrases) {
    const first = p.stems[0] as string;
    const list = byFirst.get(first) ?? [];
    list.push(p);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);

  // Single words of names and synonyms, unstemmed and stemmed, for typo matching.
  const fuzzyTerms: { word: string; stem: string; kind: FuzzyKind; id: string }[] = [];
  const known = new Set<string>([...stopwords, ...v.neverFuzzy, ...v.whoFillers]);
  for (const v of vocabulary) known.add(v);
  const addFuzzy = (kind: FuzzyKind, id: string, names: string[]) => {
    for (const n of names) {
      const ws = words(normalize(n));
      for (const w of ws) known.add(w);
      const w = ws[0] as string;
      if (ws.length === 1 && /^[a-z]+$/.test(w)) fuzzyTerms.push({ word: w, stem: stem(w), kind, id });
    }
  };
  // Words of multi-word names and synonyms ("security groups", "api gateway"): a misspelt one is
  // corrected before phrase matching, so "securty groups" still finds the phrase.
  const phraseWords = new Map<number, Set<string>>();
  for (const p of phrases) {
    for (const w of p.words) known.add(w);
    if (p.kind === 'cue' || p.words.length < 2) continue;
    for (const w of p.words) {
      if (w.length < TUNABLES.fuzzyMinLength || !/^[a-z]+$/.test(w)) continue;
      const set = phraseWords.get(w.length) ?? new Set<string>();
      set.add(w);
      phraseWords.set(w.length, set);
    }
  }
  // Action words of duties ("enabeling" → enabling) are corrected the same way.
  for (const w of [...Object.values(v.actions).flat(), ...v.anyAction, ...v.ownership].flatMap((p) =>
    p.split(' '),
  )) {
    known.add(w);
    // Long words only: a short one ("roles") is one edit from everyday words ("rolls").
    if (w.length < TUNABLES.actionTypoMinLength || !/^[a-z]+$/.test(w)) continue;
    const set = phraseWords.get(w.length) ?? new Set<string>();
    set.add(w);
    phraseWords.set(w.length, set);
  }
  // So are the long words of duties' objects ("hypervisior" → hypervisor), whose misspelling would
  // otherwise lose the task and leave the area's default: read on first use, as the index below.
  let objectWords: Set<string> | undefined;
  const objectWordSet = (): Set<string> => {
    if (objectWords) return objectWords;
    objectWords = new Set<string>();
    for (const s of kb.services)
      for (const e of Object.values(s.topics))
        if (e && 'duties' in e)
          for (const d of e.duties)
            for (const o of d.objects) for (const w of o.split(' ')) objectWords.add(w);
    for (const d of kb.generalDuties)
      for (const o of d.objects) for (const w of o.split(' ')) objectWords.add(w);
    return objectWords;
  };
  for (const s of kb.services) addFuzzy('service', s.id, [s.name, ...s.aliases]);
  for (const t of kb.topics) addFuzzy('topic', t.id, t.synonyms);
  for (const c of kb.controls) addFuzzy('control', c.id, c.synonyms);
  for (const m of kb.serviceModels.models) addFuzzy('serviceModel', m.id, m.synonyms);
  // Three-letter abbreviations with two neighbouring letters swapped ("rsd" → rds), except words
  // and acronyms that mean something else ("aim", "pvc", "ssn", AWS DRS).
  const threeLetter = new Map<string, string>();
  for (const s of kb.services) {
    for (const a of s.aliases) {
      if (!/^[a-z]{3}$/.test(a)) continue;
      for (const swapped of [`${a[1]}${a[0]}${a[2]}`, `${a[0]}${a[2]}${a[1]}`]) {
        if (swapped !== a && !notATransposition.has(swapped)) threeLetter.set(swapped, s.id);
      }
    }
  }

  // Typo look-ups go through deletion indexes: the cost of an unseen word does not grow with the
  // knowledge base (issue 18), and the caches forget the least recently used words instead of filling.
  const termIndex = new DeleteIndex<number>(2);
  const stemIndex = new DeleteIndex<number>(2);
  const terms = fuzzyTerms.filter((t) => t.word.length >= TUNABLES.fuzzyMinLength);
  terms.forEach((t, i) => {
    termIndex.add(t.word, i);
    stemIndex.add(t.stem, i);
  });
  type Fuzzy = { kind: FuzzyKind; id: string; confidence: number } | undefined;
  const fuzzyCache = new LruCache<string, Fuzzy>(TUNABLES.typoCacheSize);
  function fuzzy(word: string): Fuzzy {
    if (fuzzyCache.has(word)) return fuzzyCache.get(word);
    const f = fuzzyUncached(word);
    fuzzyCache.set(word, f);
    return f;
  }

  function fuzzyUncached(word: string): Fuzzy {
    if (known.has(word) || /\d/.test(word)) return undefined;
    if (word.length === 3) {
      const id = threeLetter.get(word);
      return id ? { kind: 'service', id, confidence: TUNABLES.fuzzyConfidence.transposition3 } : undefined;
    }
    if (word.length < TUNABLES.fuzzyMinLength) return undefined;
    const allowed = (w: string) => (w.length >= TUNABLES.fuzzyTwoEditsFrom ? 2 : 1);
    const maxEdits = allowed(word);
    const wordStem = stem(word);
    const shortest = Math.max(1, Math.min(word.length, wordStem.length) - maxEdits);
    const longest = word.length + maxEdits;
    const inRange = (n: number) => n >= shortest && n <= longest;
    // A term is met at its word's length, or at its stem's for long stems ("encrpyt" meets
    // "encryption" through "encrypt", "incid" meets nothing); the first meeting orders ties.
    const met = (t: (typeof terms)[number]) => {
      const lens = [t.word.length, ...(t.stem.length >= STEM_ONLY_MIN ? [t.stem.length] : [])];
      return Math.min(...lens.filter(inRange));
    };
    const found = new Set([
      ...termIndex.candidates(word, maxEdits),
      ...stemIndex.candidates(wordStem, allowed(wordStem)),
    ]);
    const ordered = [...found]
      .map((i) => ({ i, t: terms[i] as (typeof terms)[number] }))
      .map((c) => ({ ...c, at: met(c.t) }))
      .filter((c) => Number.isFinite(c.at))
      .sort((a, b) => a.at - b.at || a.i - b.i);
    let best: { kind: FuzzyKind; id: string; d: number } | undefined;
    for (const { t } of ordered) {
      // Compare stems too: "pacthes" is two edits from "patch" but one from its stem.
      // Each comparison allows the edits its own length earns: "resposible" is not "restore". Two edits
      // keep the first letter (see correction below).
      const onWord = boundedEditDistance(word, t.word, maxEdits);
      const onStem = boundedEditDistance(wordStem, t.stem, allowed(wordStem));
      const d = Math.min(onWord, onStem <= allowed(wordStem) ? onStem : maxEdits + 1);
      if (d <= maxEdits && (d < 2 || t.word[0] === word[0]) && (!best || d < best.d))
        best = { kind: t.kind, id: t.id, d };
    }
    if (!best) return undefined;
    return {
      kind: best.kind,
      id: best.id,
      confidence: best.d === 1 ? TUNABLES.fuzzyConfidence[1] : TUNABLES.fuzzyConfidence[2],
    };
  }

  /** The one phrase word within the allowed edits of an unknown word, with the edits; none if tied.
   * Two edits keep the first letter: a real word two letters from a known one is more often another
   * word than a typo ("degraded" is not "upgraded"), and typing rarely misses the first letter. */
  // Built on the first word that needs correcting: most messages have none, and start-up stays short.
  let wordIndexBuilt: DeleteIndex<string> | undefined;
  const wordIndex = () => {
    if (!wordIndexBuilt) {
      wordIndexBuilt = new DeleteIndex<string>(2);
      for (const set of phraseWords.values()) for (const w of set) wordIndexBuilt.add(w, w);
      for (const w of objectWordSet())
        if (w.length >= TUNABLES.objectTypoMinLength && /^[a-z]+$/.test(w)) wordIndexBuilt.add(w, w);
    }
    return wordIndexBuilt;
  };
  const correctionCache = new LruCache<string, { word: string; d: number } | null>(TUNABLES.typoCacheSize);
  // Another form of a known word is no typo ("picking" of "pick" is not "kicking"); built on first use.
  let knownStems: Set<string> | undefined;
  function correction(word: string): { word: string; d: number } | null {
    const cached = correctionCache.get(word);
    if (cached !== undefined) return cached;
    let best: { word: string; d: number } | null = null;
    let tied = false;
    const candidate =
      !known.has(word) &&
      word.length >= TUNABLES.fuzzyMinLength &&
      /^[a-z]+$/.test(word) &&
      !objectWordSet().has(word);
    if (candidate) knownStems ??= new Set([...known, ...objectWordSet()].map(stem));
    if (candidate && !knownStems?.has(stem(word))) {
      const maxEdits = word.length >= TUNABLES.fuzzyTwoEditsFrom ? 2 : 1;
      for (const w of wordIndex().candidates(word, maxEdits)) {
        const d = boundedEditDistance(word, w, maxEdits);
        if (d > maxEdits || (d === 2 && w[0] !== word[0])) continue;
        if (!best || d < best.d) [best, tied] = [{ word: w, d }, false];
        else if (d === best.d && w !== best.word) tied = true;
      }
    }
    const result = tied ? null : best;
    correctionCache.set(word, result);
    return result;
  }

  function extract(text: string, opts: { exact?: boolean } = {}): Entities {
    const ws = words(normalize(text)).slice(0, TUNABLES.maxTokens);
    // Phrase matching reads corrected words; what the message said stays in `ws`.
    const edits = ws.map((w) => (opts.exact ? null : correction(w)));
    const read = ws.map((w, i) => edits[i]?.word ?? w);
    const stems = read.map(stem);
    const matches: Match[] = [];
    const covered = new Array<boolean>(ws.length).fill(false);
    // The longest phrase at a position; between phrases with the same stems ("certificate manager",
    // a service, and "certificate management", a topic) the one written as in the message.
    const longestAt = (i: number): Phrase | undefined => {
      let found: Phrase | undefined;
      for (const p of byFirst.get(stems[i] as string) ?? []) {
        if (found && p.stems.length < found.stems.length) break;
        if (i + p.stems.length > ws.length) continue;
        if (
          !p.stems.every(
            (s, k) =>
              stems[i + k] === s &&
              surfaceMatches(p, k, read, i + k, surface) &&
              (p.stems.length > 1 || !edits[i + k]),
          )
        )
          continue;
        if (!found) found = p;
        if (p.words.every((w, k) => read[i + k] === w)) return p;
      }
      return found;
    };
    for (let i = 0; i < ws.length; i++) {
      const p = longestAt(i);
      if (!p) continue;
      const end = i + p.stems.length;
      // A longer phrase starting inside this one wins ("patches managed streaming for apache kafka"
      // is MSK, not the patch-management control followed by noise), and so does a service's name of
      // the same length ("patches control tower" is Control Tower, not "patch control").
      let overtaken = false;
      for (let j = i + 1; j < end && !overtaken; j++) {
        const q = longestAt(j);
        overtaken =
          q !== undefined &&
          j + q.stems.length > end &&
          (q.stems.length > p.stems.length ||
            (q.stems.length === p.stems.length &&
              NAMES_A_SERVICE.has(q.kind) &&
              !NAMES_A_SERVICE.has(p.kind)));
      }
      if (overtaken) continue;
      const worst = Math.max(0, ...edits.slice(i, end).map((c) => c?.d ?? 0));
      matches.push({
        kind: p.kind,
        id: p.id,
        start: i,
        end,
        confidence: worst === 0 ? 1 : TUNABLES.fuzzyConfidence[worst === 1 ? 1 : 2],
        text: ws.slice(i, end).join(' '),
      });
      for (let k = i; k < end; k++) covered[k] = true;
      i = end - 1;
    }
    for (let i = 0; i < ws.length && !opts.exact; i++) {
      if (covered[i]) continue;
      const f = fuzzy(ws[i] as string);
      if (f) {
        matches.push({
          kind: f.kind,
          id: f.id,
          start: i,
          end: i + 1,
          confidence: f.confidence,
          text: ws[i] as string,
        });
        covered[i] = true;
      }
    }
    matches.sort((a, b) => a.start - b.start);
    const of = <T extends string>(kind: EntityKind) => matches.filter((m) => m.kind === kind) as Match<T>[];
    const cues = new Set(of<Cue>('cue').map((m) => m.id));
    // Follow-up and action cues only count at the start ("and lambda?", "delete my bucket"); an action
    // also counts after a request ("can you restart the staging db", "please write a snippet").
    const requestEnd = requestPrefixes.find((p) => p.every((w, k) => ws[k] === w))?.length ?? 0;
    for (const startOnly of ['followUp', 'action'] as const) {
      const at = startOnly === 'action' ? [0, requestEnd] : [0];
      if (!matches.some((m) => m.kind === 'cue' && m.id === startOnly && at.includes(m.start)))
        cues.delete(startOnly);
    }
    return {
      words: ws,
      stems,
      services: of('service'),
      topics: of<TopicId>('topic'),
      controls: of<ControlId>('control'),
      serviceModels: of<ServiceModelId>('serviceModel'),
      otherServices: of('otherService'),
      cues,
      rest: ws.filter((_, i) => !covered[i]),
    };
  }

  return { extract, stopwords: STOPWORDS };
}
