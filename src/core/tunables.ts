/**
 * Every threshold and limit of the core in one frozen place, each with how its value was chosen and
 * which test guards it.
 */
export const TUNABLES = Object.freeze({
  /** Longer messages get a "too long" reply instead of a guess; Slack and Teams messages rarely pass it
   * for a real question (tests/core/engine.test.ts "refuses a huge message"). */
  maxMessageChars: 2000,
  /** Only this many tokens are classified: questions are short, and it bounds per-message time. */
  maxTokens: 80,
  /** Answer at or above this confidence; between it and `clarifyBelow`'s floor, ask "did you mean";
   * below `fallbackBelow`, fall back. Chosen on the labelled set (npm run eval), guarded by
   * tests/eval/questions.test.ts (95% fully correct, 1% or less confidently wrong). */
  answerAt: 0.6,
  fallbackBelow: 0.3,
  /** Fuzzy service/topic matching: tokens shorter than this never match by edit distance, except
   * same-letter transpositions of 3-letter names ("rsd" → rds), which only ever lead to a clarification. */
  fuzzyMinLength: 5,
  /** Edit distance allowed: 1 from 5 letters, 2 from 8 letters; shorter words hit everyday words
   * ("rain" → train, "caching" → patching) (tests/core/entities.test.ts). */
  fuzzyTwoEditsFrom: 8,
  /** Action words of duties are typo targets from this length ("enabeling" → enabling); shorter ones
   * sit one edit from everyday words ("rolls" → roles) (tests/core/typos-and-requests.test.ts). */
  actionTypoMinLength: 7,
  /** Words of duties' objects corrected from typos only from this length ("hypervisior"). */
  objectTypoMinLength: 8,
  /** Words whose typo look-up is remembered; the least recently used are forgotten past this (an
   * unseen word costs a few deletion look-ups, so a miss is cheap) (tests/core/deletes.test.ts). */
  typoCacheSize: 20_000,
  /** Confidence of a fuzzy entity by edit distance; a 3-letter transposition is below answerAt. */
  fuzzyConfidence: { 1: 0.8, 2: 0.62, transposition3: 0.5 } as const,
  /** A message with at most this many words besides the service or topic counts as a follow-up
   * ("and lambda?", "what about encryption") (tests/core/engine.test.ts follow-ups). */
  followUpMaxExtraWords: 4,
  /** A message of at most this many words that names no service may ask a task of the previous turn's
   * service ("who chooses when that happens?"). */
  followUpTaskMaxWords: 10,
  /** Out-of-scope is trusted above this classifier probability even when entities were found
   * ("how much does rds cost"). */
  outOfScopeOverride: 0.8,
  /** Conversations remembered at once; the oldest idle ones are dropped first. */
  maxConversations: 10_000,
  /** Answers remembered per message text and last turn (engine.ts respondWith), the least recently
   * used forgotten first: about 1 to 4 KB each, so at most a few MB. Longer messages are not cached
   * (they are rarely repeated word for word). Guarded by tests/core/answer-cache.test.ts. */
  answerCache: Object.freeze({ entries: 1_000, maxChars: 300 }),
  /** Duty ranking (match/duties.ts). An own action word and an object outweigh a generic "who owns";
   * a whole phrase outweighs both; a longer object is more specific. The topic the message names and a
   * service's own duty break ties with model-level ones. Chosen on the labelled sets, guarded by
   * tests/core/duties.test.ts and tests/eval/questions.test.ts. */
  duty: Object.freeze({
    action: 3,
    /** An own action word that is not the message's first action ("schedule when rds applies patches":
     * "schedule" is what is asked, "applies patches" what is scheduled). */
    laterAction: 2,
    anyAction: 1,
    /** The object right after (or before) the action is what the action is done to. */
    near: 1,
    /** The message states one of the duty's conditions ("rds custom"). */
    condition: 1,
    object: 2,
    perObjectWord: 0.5,
    phrase: 4,
    defaultDuty: 0.5,
    sameTopic: 1.5,
    ownService: 0.5,
    /** With no service named, a service's own duty must lead every other service's and the model-level
     * duties by this much for the question to be read as about that service. */
    inferMargin: 0.5,
    /** A word of more services' duties than this infers none of them (and costs nothing to skip as the
     * knowledge base grows: bench "Cost per message as the knowledge base grows"). */
    inferMaxServices: 8,
    /** Two duties with different owners this close ask "did you mean" rather than pick one. */
    clarifyMargin: 0.75,
  }),
  /** Suggested follow-ups per answer. */
  followUps: 3,
  /** The duty search (search/duties.ts), for compose-box search as you type. Guarded by
   * tests/core/search.test.ts (short, partial and misspelt queries find their duty; nonsense finds none). */
  search: Object.freeze({
    /** fuse.js threshold per query word (0 exact … 1 anything): 0.3 lets "patchng" and "maintenence"
     * through and keeps "rain" off "chain"; chosen on the test's queries. */
    threshold: 0.3,
    /** Results listed: Teams shows about 10 in the compose-box flyout. */
    results: 10,
    /** One letter lists half the knowledge base; two are the shortest service name (s3). */
    minQueryChars: 2,
    /** fuse.js matches at most 32 characters per pattern word; a query is a few words. */
    maxQueryChars: 100,
    /** The owner's part on one line of the results list. */
    lineChars: 120,
  }),
});
