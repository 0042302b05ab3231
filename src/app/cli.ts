#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answerLine } from '../adapters/terminal/batch.js';
import { renderText } from '../adapters/terminal/render.js';
import type { Engine } from '../core/engine.js';
import { SrmError } from '../kb/errors.js';
import type { Store } from '../store/index.js';
import type { BootedEngine } from './boot.js';
import { CliUsageError } from './cli-store.js';
import { loadEngineConfig } from './config.js';
import { startEngine } from './start.js';

const USAGE = `srm: the AWS Shared Responsibility Model assistant, in your terminal

Usage:
  srm ask "who patches RDS?" [--json]   answer one question (--json: the answer object)
  srm chat                              interactive chat with follow-ups (reads stdin when piped)
  srm tour                              the seven-step tour of the model, then the quiz
  srm quiz                              a quiz round: answer aws, you or shared (reads stdin when piped)
  srm batch < questions.jsonl           one JSON line in {"id","text","context"} → one JSON line out
  srm validate [--coverage]             check data/, intents/ and the ownership file (--coverage: service × topic table)
  srm owners [--unowned] [--csv]        the company's teams per customer-side duty (--unowned: duties no team owns)
  srm report [--since DATE] [--until DATE] [--csv|--json]
                                        questions that got no answer or "Not quite", grouped by what
                                        was answered (default: the last 30 days; DATE as 2025-06-01)
  srm import-feedback FILE [--force]    import an old JSONL feedback log (SRM_FEEDBACK_LOG), once

Options:
  --data DIR      knowledge-base folder (default: the bundled data/, or SRM_DATA_DIR)
  --intents DIR   intents folder (default: the bundled intents/, or SRM_INTENTS_DIR)
  --org FILE      the ownership file (default: SRM_ORG_FILE, or org.yaml beside the data folder)
  -h, --help      this text

State (chat context, feedback) is kept in SQLite under SRM_STATE_DIR (default ./var), or in
PostgreSQL when DATABASE_URL is set.`;

/**
 * The engine for a command: from the build's validated copy of unchanged data (start.ts), or loaded and
 * validated in full when `validated` (srm validate) or when the data changed. What a command alone needs
 * (the store, the logger, reports) is imported by that command, so `srm ask` loads none of it.
 */
async function engineFrom(
  values: { data?: string; intents?: string; org?: string },
  validated = false,
): Promise<BootedEngine> {
  const cfg = loadEngineConfig(process.env);
  const s = {
    ...cfg,
    dataDir: values.data ?? cfg.dataDir,
    intentsDir: values.intents ?? cfg.intentsDir,
    orgFile: values.org ?? cfg.orgFile ?? null,
  };
  return validated ? (await import('./boot.js')).bootEngine(s) : startEngine(s);
}

async function batch(engine: Engine): Promise<number> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  let lineNo = 0;
  let failed = false;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    const result = answerLine(engine, line, lineNo);
    if (result.error) failed = true;
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  return failed ? 1 : 0;
}

/** Opens the configured store for one command and closes it after. */
async function withStore(run: (store: Store) => Promise<number>): Promise<number> {
  const { loadStoreConfig, openStore } = await import('../store/index.js');
  const store = await openStore(loadStoreConfig(process.env), { sweepIntervalMs: 0 });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        coverage: { type: 'boolean' },
        data: { type: 'string' },
        intents: { type: 'string' },
        org: { type: 'string' },
        unowned: { type: 'boolean' },
        csv: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        since: { type: 'string' },
        until: { type: 'string' },
        force: { type: 'boolean' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (err) {
    process.stderr.write(`srm: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    switch (command) {
      case 'ask': {
        const question = rest.join(' ');
        if (question.trim() === '') {
          process.stderr.write('srm ask: give a question, e.g. srm ask "who patches RDS?"\n');
          return 2;
        }
        const reply = (await engineFrom(values)).respond({ text: question, conversationKey: 'cli:ask' });
        process.stdout.write(values.json ? `${JSON.stringify(reply, null, 2)}\n` : `${renderText(reply)}\n`);
        return 0;
      }
      case undefined:
      case 'chat':
      case 'tour':
      case 'quiz': {
        const engine = await engineFrom(values);
        const cfg = loadEngineConfig(process.env);
        const { adapterState } = await import('../adapters/state.js');
        const { chat } = await import('../adapters/terminal/chat.js');
        const { buildQuizBank, createOnboarding } = await import('../core/onboarding/index.js');
        const { createLogger } = await import('../log.js');
        const first = command === 'quiz' || command === 'tour' ? [command] : [];
        return await withStore(async (store) => {
          const logger = createLogger('warn');
          // Quiz progress lives in the store: it survives a restart (SQLite) and is shared by replicas.
          const onboarding = createOnboarding({
            bank: buildQuizBank(engine.kb),
            progress: store.progress,
            claims: store.claims,
          });
          await chat({ ...adapterState(engine, store, cfg.contextTtlMs), logger }, { onboarding, first });
          return 0;
        });
      }
      case 'report': {
        const { reportCommand } = await import('./cli-store.js');
        return await withStore(async (store) => {
          process.stdout.write(await reportCommand(store, values));
          return 0;
        });
      }
      case 'import-feedback': {
        const file = rest[0];
        if (!file || rest.length > 1) {
          process.stderr.write(
            'srm import-feedback: give one file, e.g. srm import-feedback var/feedback.jsonl\n',
          );
          return 2;
        }
        const { importFeedbackCommand } = await import('./cli-store.js');
        return await withStore(async (store) => {
          const r = await importFeedbackCommand(store, file, { force: values.force });
          (r.code === 0 ? process.stdout : process.stderr).write(r.text);
          return r.code;
        });
      }
      case 'batch':
        return await batch(await engineFrom(values));
      case 'validate': {
        const engine = await engineFrom(values, true);
        if (values.coverage) {
          const { coverageReport } = await import('./coverage.js');
          const report = coverageReport(engine.kb);
          process.stdout.write(`${report.text}\n`);
          return report.ok ? 0 : 1;
        }
        process.stdout.write(
          `ok: ${engine.kb.services.length} services, ${engine.kb.topics.length} topics, ${engine.kb.controls.length} controls\n`,
        );
        if (engine.org)
          process.stdout.write(
            `ok: ownership file: ${Object.keys(engine.org.file.teams).length} teams, ${engine.org.file.rules.length} rules\n`,
          );
        return 0;
      }
      case 'owners': {
        const engine = await engineFrom(values);
        if (!engine.org) {
          process.stderr.write(
            'srm owners: no ownership file. Set SRM_ORG_FILE, pass --org FILE, or put org.yaml beside the data folder (see examples/org.yaml).\n',
          );
          return 2;
        }
        const { ownersReport, unownedReport } = await import('../org/report.js');
        const report = values.unowned ? unownedReport : ownersReport;
        const out = report(engine.org, { csv: values.csv === true });
        process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
        return 0;
      }
      default:
        process.stderr.write(`srm: unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (err) {
    if (err instanceof CliUsageError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof SrmError) {
      process.stderr.write(`srm: ${err.code}\n${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `srm: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
