/**
 * Validates single knowledge-base files while they are being written:
 * `node dist/scripts/validate-files.js data/services/rds.json data/topics.json`.
 * `srm validate` checks the whole of `data/` and `intents/` together.
 */
import { basename, dirname } from 'node:path';
import type { z } from 'zod';
import { formatProblem, type KbProblem } from '../src/kb/errors.js';
import { readValidated } from '../src/kb/load.js';
import {
  controlsFileSchema,
  modelFileSchema,
  serviceModelsFileSchema,
  serviceSchema,
  topicsFileSchema,
} from '../src/kb/schema.js';

const bySchema: Record<string, z.ZodType> = {
  'model.json': modelFileSchema,
  'controls.json': controlsFileSchema,
  'service-models.json': serviceModelsFileSchema,
  'topics.json': topicsFileSchema,
};

const problems: KbProblem[] = [];
for (const file of process.argv.slice(2)) {
  const schema = basename(dirname(file)) === 'services' ? serviceSchema : bySchema[basename(file)];
  if (!schema) {
    problems.push({ file, field: '', message: 'not a knowledge-base file name' });
    continue;
  }
  readValidated(file, schema, problems, process.cwd());
}
for (const p of problems) console.error(formatProblem(p));
console.log(problems.length === 0 ? 'ok' : `${problems.length} problem(s)`);
process.exitCode = problems.length === 0 ? 0 : 1;
