/**
 * `npm run eval`: accuracy of the engine on the labelled question set, per intent and phrasing
 * style, with every failure listed by id. `npm run eval -- FILE.jsonl` scores another set, such as
 * the held-out questions (tests/fixtures/holdout.jsonl) that were never used for tuning.
 */
import { join } from 'node:path';
import { bootEngine, PACKAGE_ROOT } from '../src/app/boot.js';
import { formatReport, loadQuestions, predictWithEngine, report, score } from './accuracy.js';

const engine = bootEngine({ dataDir: null, intentsDir: null, contextTtlMs: 60_000 });
const file = process.argv[2] ?? join(PACKAGE_ROOT, 'tests/fixtures/questions.jsonl');
const questions = loadQuestions(file);
const r = report(questions.map((q, i) => score(q, predictWithEngine(engine, q, i + 1))));
process.stdout.write(`${formatReport(r)}\n`);
