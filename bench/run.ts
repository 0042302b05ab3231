/**
 * `npm run bench`: accuracy beside two peers, engine speed, start-up and memory, and the HTTP paths
 * against their bare frameworks. Prints the report and writes BENCHMARKS.md at the repository root
 * (`--quick` prints a small sample of every section and writes nothing unless `--out` is given).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/app/boot.js';
import { kbScaleMarkdown, runKbScale } from './kb-scale.js';
import { keepHeldOutSections, renderMarkdown } from './markdown.js';
import { type BenchOptions, FULL, QUICK, runBenchmarks } from './suite.js';

const USAGE = `npm run bench [-- options]

  --quick             a small sample of every section (also BENCH_QUICK=1); writes nothing without --out
  --seconds N         seconds per timed run (also BENCH_SECONDS; default ${FULL.seconds}, quick ${QUICK.seconds})
  --questions N       a sample of N labelled questions spread over the intents (default: all)
  --startup-runs N    spawns per start-up measurement (default ${FULL.startupRuns}, quick ${QUICK.startupRuns})
  --rounds N          HTTP: interleaved rounds, one timed run of every server each (also BENCH_ROUNDS;
                      default ${FULL.rounds}, quick ${QUICK.rounds})
  --no-http           skip the HTTP section
  --out FILE          where to write the report (default BENCHMARKS.md; quick: nowhere)`;

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return n;
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  function parse() {
    return parseArgs({
      options: {
        quick: { type: 'boolean' },
        seconds: { type: 'string' },
        questions: { type: 'string' },
        'startup-runs': { type: 'string' },
        rounds: { type: 'string' },
        'no-http': { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  let options: BenchOptions;
  let quick: boolean;
  try {
    values = parse().values;
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    quick = values.quick === true || /^(1|true|yes)$/i.test(process.env.BENCH_QUICK ?? '');
    const base = quick ? QUICK : FULL;
    const questions = positive('--questions', values.questions);
    const startupRuns = positive('--startup-runs', values['startup-runs']);
    const rounds = positive('--rounds', values.rounds) ?? positive('BENCH_ROUNDS', process.env.BENCH_ROUNDS);
    options = {
      ...base,
      seconds:
        positive('--seconds', values.seconds) ??
        positive('BENCH_SECONDS', process.env.BENCH_SECONDS) ??
        base.seconds,
      questions: questions === undefined ? base.questions : Math.round(questions),
      startupRuns: startupRuns === undefined ? base.startupRuns : Math.round(startupRuns),
      ...(rounds === undefined ? {} : { rounds: Math.round(rounds) }),
      http: values['no-http'] ? false : base.http,
      log: (line) => process.stderr.write(`bench: ${line}\n`),
    };
  } catch (err) {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }

  const result = await runBenchmarks(options, quick);
  options.log('knowledge-base scale: 1x, 10x, 100x');
  const md = `${renderMarkdown(result)}\n${kbScaleMarkdown(runKbScale({ messages: quick ? 200 : 2_000 }))}`;
  process.stdout.write(md);
  const out = values.out ?? (quick ? undefined : join(PACKAGE_ROOT, 'BENCHMARKS.md'));
  if (out) {
    const previous = existsSync(resolve(out)) ? readFileSync(resolve(out), 'utf8') : '';
    writeFileSync(resolve(out), keepHeldOutSections(previous, md), 'utf8');
    process.stderr.write(`bench: wrote ${resolve(out)}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
