/** The project's small error family: each carries a stable `code` for logs and exit handling. */
export class SrmError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export interface KbProblem {
  /** Path of the file, relative to the project root where possible. */
  file: string;
  /** Dotted field path inside the file ('' for the whole file). */
  field: string;
  message: string;
}

/** A knowledge-base or intents file failed validation; `problems` names every file and field. */
export class KnowledgeBaseError extends SrmError {
  readonly problems: KbProblem[];
  constructor(problems: KbProblem[]) {
    super('KB_INVALID', problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

export function formatProblem(p: KbProblem): string {
  return `${p.file}: ${p.field || '(file)'}: ${p.message}`;
}

/** Settings are missing or malformed; `problems` names each variable and what is expected. */
export class ConfigError extends SrmError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('CONFIG_INVALID', `Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}
