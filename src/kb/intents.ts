import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import { type KbProblem, KnowledgeBaseError } from './errors.js';
import { INTENTS, type IntentId } from './ids.js';
import { readValidated } from './load.js';

export const intentFileSchema = z
  .object({
    intent: z.enum(INTENTS),
    description: z.string().min(10),
    utterances: z.array(z.string().trim().min(1).max(500)).min(30, 'needs at least 30 example utterances'),
  })
  .strict();

export type IntentFile = z.infer<typeof intentFileSchema>;

/** Loads `intents/*.json`: one file per intent, every intent present, no utterance in two intents. */
export function loadIntents(dir: string, root = process.cwd()): IntentFile[] {
  const problems: KbProblem[] = [];
  const files: IntentFile[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    problems.push({ file: relative(root, dir), field: '', message: 'folder is missing' });
  }
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const shown = relative(root, file);
    const f = readValidated(file, intentFileSchema, problems, root);
    if (!f) continue;
    if (basename(name, '.json') !== f.intent) {
      problems.push({ file: shown, field: 'intent', message: `must match the file name (${name})` });
    }
    f.utterances.forEach((u, i) => {
      const key = u.toLowerCase();
      const other = seen.get(key);
      if (other && other !== f.intent) {
        problems.push({
          file: shown,
          field: `utterances.${i}`,
          message: `"${u}" is also an example of ${other}`,
        });
      }
      seen.set(key, f.intent);
    });
    files.push(f);
  }
  const present = new Set(files.map((f) => f.intent));
  const missing: IntentId[] = INTENTS.filter((i) => !present.has(i));
  if (names.length > 0 && missing.length > 0 && problems.length === 0) {
    problems.push({
      file: relative(root, dir),
      field: '',
      message: `missing intent files: ${missing.join(', ')}`,
    });
  }
  if (problems.length > 0) throw new KnowledgeBaseError(problems);
  return files;
}
