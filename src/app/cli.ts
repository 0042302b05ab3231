#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answerLine } from '../adapters/terminal/batch.js';
import { chat } from '../adapters/terminal/chat.js';
import { renderText } from '../adapters/terminal/render.js';
import type { Engine } from '../core/engine.js';
import { buildQuizBank, createOnboarding, memoryProgress } from '../core/onboarding/index.js';
import { SrmError } from '../kb/errors.js';
import { ownersReport, unownedReport } from '../org/report.js';
import { type BootedEngine, bootEngine } from './boot.js';
import { loadEngineConfig } from './config.js';
import { coverageReport } from './coverage.js';

const USAGE = `srm: the AWS Shared Responsibility Model assistant, in your terminal

Usage:
  srm ask "who patches RDS?" [--json]   answer one question (--json: the answer object)
  srm chat                              interactive chat with follow-ups (reads stdin when piped)
  srm tour                              the seven-step tour of the model, then the quiz
  srm quiz                              a quiz round: answer aws, you or shared (reads stdin when piped)
  srm batch < questions.jsonl           one JSON line in {"id","text","context"} → one JSON line out
  srm validate [--coverage]             check data/, intents/ and the ownership file (--coverage: service × topic table)
  srm owners [--unowned] [--csv]        the company's teams per customer-side duty (--unowned: duties no team owns)

Options:
  --data DIR      knowledge-base folder (default: the bundled data/, or SRM_DATA_DIR)
  --intents DIR   intents folder (default: the bundled intents/, or SRM_INTENTS_DIR)
  --org FILE      the ownership file (default: SRM_ORG_FILE, or org.yaml beside the data folder)
  -h, --help      this text`;

function engineFrom(values: { data?: string; intents?: string; org?: string }): BootedEngine {
  const cfg = loadEngineConfig(process.env);
  return bootEngine({
    ...cfg,
    dataDir: values.data ?? cfg.dataDir,
    intentsDir: values.intents ?? cfg.intentsDir,
    orgFile: values.org ?? cfg.orgFile ?? null,
  });
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
        const reply = engineFrom(values).respond({ text: question, conversationKey: 'cli:ask' });
        process.stdout.write(values.json ? `${JSON.stringify(reply, null, 2)}\n` : `${renderText(reply)}\n`);
        return 0;
      }
      case undefined:
      case 'chat':
      case 'tour':
      case 'quiz': {
        const engine = engineFrom(values);
        // Kept for this run only until the store lands (then: the store's progress, one line).
        const onboarding = createOnboarding({ bank: buildQuizBank(engine.kb), progress: memoryProgress() });
        const first = command === 'quiz' || command === 'tour' ? [command] : [];
        await chat(engine, { onboarding, first });
        return 0;
      }
      case 'batch':
        return await batch(engineFrom(values));
      case 'validate': {
        const engine = engineFrom(values);
        if (values.coverage) {
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
        const engine = engineFrom(values);
        if (!engine.org) {
          process.stderr.write(
            'srm owners: no ownership file. Set SRM_ORG_FILE, pass --org FILE, or put org.yaml beside the data folder (see examples/org.yaml).\n',
          );
          return 2;
        }
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
