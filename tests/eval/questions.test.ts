import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, loadQuestions, predictWithEngine, report, score } from '../../bench/accuracy.js';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { freshEngine } from '../helpers/engine.js';

describe('the labelled question set', () => {
  const questions = loadQuestions(join(PACKAGE_ROOT, 'tests/fixtures/questions.jsonl'));

  it('has at least 600 questions covering every intent', () => {
    expect(questions.length).toBeGreaterThanOrEqual(600);
    const intents = new Set(questions.map((q) => q.expect.intent));
    expect([...intents].sort()).toEqual([
      'compare',
      'explain_control',
      'explain_model',
      'help',
      'out_of_scope',
      'service_model',
      'service_overview',
      'smalltalk',
      'who_owns',
    ]);
  });

  // Relabelled by task owner (RESPONSIBILITY.md) for issue 11; the floor is a ratchet raised as the
  // duty matcher and content improve (the area-level labels were 95% / 1%).
  const FLOOR = { correct: 0.915, confidentlyWrong: 0.04 };
  it(`is at least ${FLOOR.correct * 100}% fully correct and at most ${FLOOR.confidentlyWrong * 100}% confidently wrong`, () => {
    const engine = freshEngine();
    const r = report(questions.map((q, i) => score(q, predictWithEngine(engine, q, i + 1))));
    const text = formatReport(r);
    if (r.correct / r.total < FLOOR.correct || r.confidentlyWrong / r.total > FLOOR.confidentlyWrong)
      console.log(text);
    expect(r.correct / r.total, text).toBeGreaterThanOrEqual(FLOOR.correct);
    expect(r.confidentlyWrong / r.total, text).toBeLessThanOrEqual(FLOOR.confidentlyWrong);
  });
});

/**
 * The task-level held-out sets, once scored and read (BENCHMARKS.md keeps their first scores): a ratchet
 * so a change that fixes one set does not quietly break another. Raised as they improve.
 */
describe.each([
  ['holdout-c.jsonl', { correct: 0.93, confidentlyWrong: 0.008 }],
  ['holdout-d.jsonl', { correct: 0.93, confidentlyWrong: 0.012 }],
  ['holdout-e.jsonl', { correct: 0.895, confidentlyWrong: 0.01 }],
  // F labels an exam's "which of these is a shared control? A) … B) …" as explaining the control; the
  // sets since (G, H, I, written to the brief in BENCHMARKS.md) as the option's owner, which is what the
  // bot answers since session 6: two of F's lines moved.
  ['holdout-f.jsonl', { correct: 0.89, confidentlyWrong: 0.024 }],
  ['holdout-g.jsonl', { correct: 0.885, confidentlyWrong: 0.03 }],
  ['holdout-i.jsonl', { correct: 0.94, confidentlyWrong: 0.01 }],
  ['holdout-j.jsonl', { correct: 0.865, confidentlyWrong: 0.055 }],
  ['holdout-k.jsonl', { correct: 0.855, confidentlyWrong: 0.04 }],
])('the task-level set %s', (file, floor) => {
  it(`is at least ${floor.correct * 100}% fully correct and at most ${floor.confidentlyWrong * 100}% confidently wrong`, () => {
    const questions = loadQuestions(join(PACKAGE_ROOT, 'tests/fixtures', file));
    const engine = freshEngine();
    const r = report(questions.map((q, i) => score(q, predictWithEngine(engine, q, i + 1))));
    const text = formatReport(r);
    expect(r.correct / r.total, text).toBeGreaterThanOrEqual(floor.correct);
    expect(r.confidentlyWrong / r.total, text).toBeLessThanOrEqual(floor.confidentlyWrong);
  });
});
