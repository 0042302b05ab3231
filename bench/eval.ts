/**
 * `npm run eval`: accuracy of the engine on the labelled question set, per intent and phrasing
 * style, with every failure listed by id.
 */
import { join } from 'node:path';
import { bootEngine, PACKAGE_ROOT } from '../src/boot.js';
import { formatReport, loadQuestions, predictWithEngine, report, score } from './accuracy.js';

const engine = bootEngine({ dataDir: null, intentsDir: null, contextTtlMs: 60_000 });
const questions = loadQuestions(join(PACKAGE_ROOT, 'tests/fixtures/questions.jsonl'));
const r = report(questions.map((q, i) => score(q, predictWithEngine(engine, q, i + 1))));
process.stdout.write(`${formatReport(r)}\n`);
