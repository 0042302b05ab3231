import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseDocument } from 'yaml';
import { formatProblem, type KbProblem, SrmError } from '../kb/errors.js';
import type { KnowledgeBase } from '../kb/load.js';
import { buildDirectory, checkOrg, type OrgDirectory } from './directory.js';
import { orgFileSchema } from './schema.js';

export { orgFilePath } from './path.js';

/** The ownership file failed validation; `problems` names every field, as the knowledge base's do. */
export class OrgFileError extends SrmError {
  readonly problems: KbProblem[];
  constructor(problems: KbProblem[]) {
    super('ORG_INVALID', problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

/** Reads, parses and validates the file (its YAML, its schema, its ids against the knowledge base). */
export function loadOrg(file: string, kb: KnowledgeBase, root = process.cwd()): OrgDirectory {
  const shown = relative(root, file) || file;
  const problems: KbProblem[] = [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new OrgFileError([{ file: shown, field: '', message: `cannot read: ${reason(err)}` }]);
  }
  const doc = parseDocument(text);
  if (doc.errors.length) {
    throw new OrgFileError(
      doc.errors.map((e) => ({
        file: shown,
        field: '',
        message: `not valid YAML: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}${e.linePos ? ` (line ${e.linePos[0].line})` : ''}`,
      })),
    );
  }
  const parsed = orgFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    throw new OrgFileError(
      parsed.error.issues.map((i) => ({
        file: shown,
        field: i.path.map(String).join('.'),
        message: i.message,
      })),
    );
  }
  checkOrg(parsed.data, kb, shown, problems);
  if (problems.length) throw new OrgFileError(problems);
  return buildDirectory(parsed.data, kb);
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
