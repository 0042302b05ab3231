import { readFileSync } from 'node:fs';
import { answerLine, type BatchResult } from '../src/adapters/terminal/batch.js';
import type { Engine } from '../src/core/engine.js';
import type { Reply } from '../src/core/reply.js';

/**
 * Scores an answerer against the labelled question set. "Fully correct": intent, service, topic (and
 * control where labelled) match and the owner is acceptable; a clarification that offers the expected
 * service counts where the label allows it. "Confidently wrong": an answer whose owner is not
 * acceptable, or an answer about a different service than the one asked about.
 */
export interface LabelledQuestion {
  id: string;
  text: string;
  context?: string[];
  style?: string;
  expect: {
    intent: string;
    service: string | null;
    /** One topic, acceptable topics, or absent (not checked: set C labels owners, not areas). */
    topic?: string | string[] | null;
    owner: string[] | null;
    /** The expected duty key, where labelled (reported per duty). */
    duty?: string;
    control?: string | null;
    clarifyOk?: boolean;
  };
}

/** What an answerer says about one question, in `srm batch` terms. */
export interface Prediction {
  intent: string;
  service: string | null;
  topic: string | null;
  owner: string | null;
  control: string | null;
  duty: string | null;
  /** 'answer' when the reply asserts something, 'clarify' or 'fallback' otherwise. */
  kind: 'answer' | 'clarify' | 'fallback';
  /** For a clarification: the services it offers. */
  offered: string[];
  /** A service's whole table: each area with its owner, no headline owner (never confidently wrong on
   * the owner; its owner is the service's as a whole, shared when its areas differ). */
  table?: boolean;
}

export interface Outcome {
  q: LabelledQuestion;
  p: Prediction;
  correct: boolean;
  confidentlyWrong: boolean;
  why: string;
}

export function loadQuestions(path: string): LabelledQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const q = JSON.parse(l) as LabelledQuestion;
      // A set may leave out what an out-of-scope line has none of: no service, no owner.
      return {
        ...q,
        expect: { ...q.expect, service: q.expect.service ?? null, owner: q.expect.owner ?? null },
      };
    });
}

export function score(q: LabelledQuestion, p: Prediction): Outcome {
  const e = q.expect;
  const problems: string[] = [];
  const clarifiedRight =
    e.clarifyOk === true && p.kind === 'clarify' && e.service !== null && p.offered.includes(e.service);
  if (!clarifiedRight) {
    // Small talk is outside the model too (RESPONSIBILITY.md section 5): a greeting answered as small
    // talk names no owner, as an out-of-scope reply would not.
    const sameIntent = p.intent === e.intent || (e.intent === 'out_of_scope' && p.intent === 'smalltalk');
    if (!sameIntent) problems.push(`intent ${p.intent} ≠ ${e.intent}`);
    // A question that names no service may still be read through a service's alias ("configuring
    // security groups" is VPC's); with the owner right, that is not a different service than asked.
    // An out-of-scope reply names no service, so the service an out-of-scope line names is not checked.
    const serviceOk =
      p.service === e.service ||
      (e.service === null && e.intent === 'who_owns' && p.intent === 'who_owns') ||
      (e.intent === 'out_of_scope' && p.intent === 'out_of_scope');
    if (!serviceOk) problems.push(`service ${p.service} ≠ ${e.service}`);
    const topics = e.topic === undefined ? undefined : Array.isArray(e.topic) ? e.topic : [e.topic];
    if (topics && !topics.includes(p.topic as string) && !(topics.length === 0 && p.topic === null))
      problems.push(`topic ${p.topic} ∉ ${topics.join('|')}`);
    if (e.duty !== undefined && p.duty !== e.duty) problems.push(`duty ${p.duty} ≠ ${e.duty}`);
    if (e.owner && (p.owner === null || !e.owner.includes(p.owner)))
      problems.push(`owner ${p.owner} ∉ ${e.owner.join('|')}`);
    if (e.control !== undefined && e.control !== null && p.control !== e.control)
      problems.push(`control ${p.control} ≠ ${e.control}`);
    if (e.intent !== 'out_of_scope' && p.kind !== 'answer') problems.push(`gave a ${p.kind}`);
  }
  const wrongOwner =
    p.kind === 'answer' && !p.table && p.owner !== null && e.owner !== null && !e.owner.includes(p.owner);
  const wrongService =
    p.kind === 'answer' &&
    p.owner !== null &&
    p.service !== null &&
    e.service !== null &&
    p.service !== e.service;
  const answeredOutOfScope = p.kind === 'answer' && p.owner !== null && e.intent === 'out_of_scope';
  return {
    q,
    p,
    correct: problems.length === 0,
    confidentlyWrong: wrongOwner || wrongService || answeredOutOfScope,
    why: problems.join('; '),
  };
}

export function predictionFromReply(reply: Reply): Prediction {
  const m = reply.meta;
  const kind = reply.kind === 'clarify' ? 'clarify' : reply.kind === 'fallback' ? 'fallback' : 'answer';
  return {
    intent: m.intent,
    service: m.service,
    topic: m.topic,
    // An explanation of a control carries its kind's owner in meta (inherited → AWS).
    // A service's whole table carries the owner of the service as a whole (shared when its areas differ).
    owner:
      reply.kind === 'answer'
        ? reply.owner
        : reply.kind === 'explain' || reply.kind === 'overview'
          ? m.owner
          : null,
    control: m.control,
    duty: m.duty ?? null,
    kind,
    offered: reply.kind === 'clarify' ? reply.choices.map((c) => c.service ?? '').filter(Boolean) : [],
    table: reply.kind === 'overview',
  };
}

/** Runs our engine on each question, through the same path as `srm batch`. */
export function predictWithEngine(engine: Engine, q: LabelledQuestion, n: number): Prediction {
  let reply: Reply | undefined;
  const spy: Engine = {
    welcome: () => engine.welcome(),
    respond: (input) => {
      reply = engine.respond(input);
      return reply;
    },
  };
  const line: BatchResult = answerLine(
    spy,
    JSON.stringify({ id: q.id, text: q.text, context: q.context ?? [] }),
    n,
  );
  if (!reply || line.error) throw new Error(`question ${q.id}: ${line.error ?? 'no reply'}`);
  return predictionFromReply(reply);
}

export interface Report {
  total: number;
  correct: number;
  confidentlyWrong: number;
  outOfScopeRecall: number;
  falseFallbacks: number;
  clarified: number;
  byIntent: Map<string, { total: number; correct: number }>;
  byStyle: Map<string, { total: number; correct: number }>;
  failures: Outcome[];
}

export function report(outcomes: Outcome[]): Report {
  const tally = (key: (o: Outcome) => string) => {
    const m = new Map<string, { total: number; correct: number }>();
    for (const o of outcomes) {
      const k = key(o);
      const t = m.get(k) ?? { total: 0, correct: 0 };
      t.total++;
      if (o.correct) t.correct++;
      m.set(k, t);
    }
    return m;
  };
  const oos = outcomes.filter((o) => o.q.expect.intent === 'out_of_scope');
  const inScope = outcomes.filter((o) => o.q.expect.intent !== 'out_of_scope');
  return {
    total: outcomes.length,
    correct: outcomes.filter((o) => o.correct).length,
    confidentlyWrong: outcomes.filter((o) => o.confidentlyWrong).length,
    outOfScopeRecall: oos.length ? oos.filter((o) => o.p.kind === 'fallback').length / oos.length : 1,
    falseFallbacks: inScope.filter((o) => o.p.kind === 'fallback').length,
    clarified: outcomes.filter((o) => o.p.kind === 'clarify').length,
    byIntent: tally((o) => o.q.expect.intent),
    byStyle: tally((o) => o.q.style ?? 'plain'),
    failures: outcomes.filter((o) => !o.correct),
  };
}

const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);

export function formatReport(r: Report, title = 'srm-bot'): string {
  const lines = [
    `${title}: ${r.correct}/${r.total} fully correct (${pct(r.correct, r.total)}), ` +
      `${r.confidentlyWrong} confidently wrong (${pct(r.confidentlyWrong, r.total)}), ` +
      `out-of-scope recall ${(100 * r.outOfScopeRecall).toFixed(1)}%, ${r.falseFallbacks} false fallbacks, ` +
      `${r.clarified} clarified (${pct(r.clarified, r.total)})`,
    '',
    'per intent:',
    ...[...r.byIntent]
      .sort()
      .map(
        ([k, v]) =>
          `  ${k.padEnd(18)} ${String(v.correct).padStart(4)}/${String(v.total).padEnd(4)} ${pct(v.correct, v.total)}`,
      ),
    'per phrasing style:',
    ...[...r.byStyle]
      .sort()
      .map(
        ([k, v]) =>
          `  ${k.padEnd(18)} ${String(v.correct).padStart(4)}/${String(v.total).padEnd(4)} ${pct(v.correct, v.total)}`,
      ),
  ];
  if (r.failures.length) {
    lines.push('', `failures (${r.failures.length}):`);
    for (const f of r.failures) {
      lines.push(`  ${f.confidentlyWrong ? '!!' : '  '} ${f.q.id}: "${f.q.text}" → ${f.why}`);
    }
  }
  return lines.join('\n');
}
