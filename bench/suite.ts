import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { bootEngine, engineOver, loadEngineData, PACKAGE_ROOT } from '../src/app/boot.js';
import type { Engine } from '../src/core/engine.js';
import { loadIntents } from '../src/kb/intents.js';
import {
  type LabelledQuestion,
  loadQuestions,
  predictWithEngine,
  type Report,
  report,
  score,
} from './accuracy.js';
import { DEFAULT_ROUNDS, type HttpSection, runHttp } from './http/load.js';
import { describeMachine, type Machine } from './machine.js';
import { createFusePeer } from './peers/fuse.js';
import { createNlpjsPeer } from './peers/nlpjs.js';
import { type Peer, predictWithPeer } from './peers/peer.js';
import { spawnServer, waitHealthy } from './processes.js';
import { quantile, shuffled } from './stats.js';
import { benchStore, type StoreBenchRow } from './store.js';

/**
 * The benchmark suite behind `npm run bench`: accuracy of our engine and two peers on the labelled
 * questions, engine speed, start-up and memory, and the HTTP paths against their bare frameworks. It runs
 * the compiled JavaScript in dist/ for everything it spawns, so build first.
 */

export interface BenchOptions {
  /** Labelled questions to use, spread over the intents; null = all of them. */
  questions: number | null;
  /** Seconds per timed run: tinybench's budget per matcher, the throughput loop, each HTTP run. */
  seconds: number;
  /** Spawns per start-up measurement. */
  startupRuns: number;
  /** Run section 5 (autocannon against child servers). */
  http: boolean;
  /** Concurrent connections for autocannon. */
  connections: number;
  /** Section 5: interleaved rounds, each one timed run of every server of a path (default DEFAULT_ROUNDS). */
  rounds?: number;
  /** Progress lines (stderr in `npm run bench`). */
  log: (line: string) => void;
}

export const FULL: Omit<BenchOptions, 'log'> = {
  questions: null,
  seconds: 5,
  startupRuns: 10,
  http: true,
  connections: 10,
  rounds: DEFAULT_ROUNDS,
};

export const QUICK: Omit<BenchOptions, 'log'> = {
  questions: 18,
  seconds: 0.5,
  startupRuns: 2,
  http: true,
  connections: 10,
  rounds: 2,
};

export interface MatcherResult {
  name: string;
  /** How it was built, in one line. */
  about: string;
  /** Milliseconds to build (load and train) it, in this process. */
  buildMs: number;
  accuracy: Report;
  /** The held-out sets (written apart from the tuning set), when present; null on samples and quick runs. */
  heldOut: Report | null;
  speed: Speed;
}

export interface Speed {
  /** Per-message latency with tinybench, warm, over the questions in a fixed shuffled order. */
  samples: number;
  meanMs: number;
  medianMs: number;
  p99Ms: number;
  /** Messages answered per second by one sequential loop (one thread, so one core). */
  perSecond: number;
}

export interface StartupRow {
  what: string;
  /** From what to what the time runs. */
  measures: string;
  command: string;
  runs: number;
  medianMs: number;
  p90Ms: number;
  /** Resident memory after loading and answering, bytes; null where it could not be read. */
  rssBytes: number | null;
  rssHow: string;
  /** For the server: the routes it reported on /healthz (what was loaded). */
  routes?: string[];
}

export interface BenchResult {
  machine: Machine;
  options: Omit<BenchOptions, 'log'>;
  quick: boolean;
  questions: number;
  matchers: MatcherResult[];
  startup: StartupRow[];
  http: HttpSection | null;
  /** 6: what the store adds per message, each engine beside the in-process Map. */
  store: StoreBenchRow[];
  /** Things not measured, with the reason. */
  notes: string[];
  totalSeconds: number;
}

const DIST = join(PACKAGE_ROOT, 'dist');
/** Questions written apart from the tuning set; scored for every matcher in full runs. */
const HELD_OUT = ['holdout.jsonl', 'holdout-b.jsonl'].map((f) => join(PACKAGE_ROOT, 'tests/fixtures', f));
const QUESTION = 'who patches rds';

export async function runBenchmarks(options: BenchOptions, quick = false): Promise<BenchResult> {
  const t0 = performance.now();
  const { log } = options;
  const machine = describeMachine(PACKAGE_ROOT);
  const all = loadQuestions(join(PACKAGE_ROOT, 'tests/fixtures/questions.jsonl'));
  const questions = options.questions === null ? all : spread(all, options.questions);
  const heldOut =
    quick || options.questions !== null
      ? []
      : HELD_OUT.filter((f) => existsSync(f)).flatMap((f) => loadQuestions(f));
  const notes: string[] = [];

  // 1-3: accuracy and speed, ours and the peers, on the same questions.
  const matchers: MatcherResult[] = [];
  {
    let t = performance.now();
    const engine = bootEngine({ dataDir: null, intentsDir: null, contextTtlMs: 60_000 });
    const buildMs = performance.now() - t;
    log(`accuracy: srm-bot on ${questions.length} questions`);
    const accuracy = report(questions.map((q, i) => score(q, predictWithEngine(engine, q, i + 1))));
    const ourHeldOut = heldOut.length
      ? report(heldOut.map((q, i) => score(q, predictWithEngine(engine, q, i + 1))))
      : null;
    log('speed: srm-bot');
    // The matcher itself: the engine's cache of repeated messages would answer every lap after the first.
    const uncached = engineOver(loadEngineData({ dataDir: null, intentsDir: null }), 60_000, {
      answerCache: false,
    });
    const speed = await measureSpeed(ourAnswerer(uncached), questions, options.seconds);
    matchers.push({
      name: 'srm-bot',
      about: 'this repository: src/core (own naive Bayes over entity-tagged words, stemming, context)',
      buildMs,
      accuracy,
      heldOut: ourHeldOut,
      speed,
    });

    const kb = engine.kb;
    const intents = loadIntents(join(PACKAGE_ROOT, 'intents'));
    const peers: Array<{ about: string; make: () => Promise<Peer> }> = [
      {
        about: '@nlpjs/basic NLU, same intents and utterances, service/topic/control enum entities',
        make: () => createNlpjsPeer(kb, intents),
      },
      {
        about: 'fuse.js search over the example utterances; fuzzy n-gram search over names for entities',
        make: async () => createFusePeer(kb, intents),
      },
    ];
    for (const p of peers) {
      t = performance.now();
      const peer = await p.make();
      const peerBuildMs = performance.now() - t;
      log(`accuracy: ${peer.name} on ${questions.length} questions`);
      const outcomes = [];
      for (const [i, q] of questions.entries())
        outcomes.push(score(q, await predictWithPeer(peer, q, i + 1)));
      const heldOutOutcomes = [];
      for (const [i, q] of heldOut.entries())
        heldOutOutcomes.push(score(q, await predictWithPeer(peer, q, i + 1)));
      log(`speed: ${peer.name}`);
      matchers.push({
        name: peer.name,
        about: p.about,
        buildMs: peerBuildMs,
        accuracy: report(outcomes),
        heldOut: heldOut.length ? report(heldOutOutcomes) : null,
        speed: await measureSpeed(peerAnswerer(peer), questions, options.seconds),
      });
    }
  }

  // 4: start-up and memory.
  const startup: StartupRow[] = [];
  log(`start-up: CLI × ${options.startupRuns}`);
  startup.push(await cliStartup(options.startupRuns));
  for (const s of serverSetups()) {
    log(`start-up: ${s.what} × ${options.startupRuns}`);
    const row = await serverStartup(s, options.startupRuns);
    startup.push(row);
    if (s.what.includes('Teams') && !row.routes?.includes('/api/messages')) {
      notes.push(
        `Start-up, ${s.what}: the server mounted no /api/messages (no Teams adapter in this build), so this figure does not include loading botbuilder`,
      );
    }
  }

  // 5: HTTP paths.
  let http: HttpSection | null = null;
  if (options.http) {
    http = await runHttp({
      distDir: DIST,
      seconds: options.seconds,
      connections: options.connections,
      ...(options.rounds === undefined ? {} : { rounds: options.rounds }),
      log,
    });
    notes.push(...http.skipped);
  } else {
    notes.push('HTTP paths: not run (options.http is false)');
  }

  // 6: the state store's added cost per message.
  log('store: context get + set + event claim per message, each engine');
  const store = await benchStore({ messages: quick ? 300 : 20_000 });

  const { log: _log, ...shown } = options;
  return {
    machine,
    options: shown,
    quick,
    questions: questions.length,
    matchers,
    startup,
    http,
    store,
    notes,
    totalSeconds: (performance.now() - t0) / 1000,
  };
}

/** `n` questions spread evenly over the file within each intent, so every intent is represented. */
export function spread(all: LabelledQuestion[], n: number): LabelledQuestion[] {
  if (n >= all.length) return all;
  const groups = new Map<string, LabelledQuestion[]>();
  for (const q of all) groups.set(q.expect.intent, [...(groups.get(q.expect.intent) ?? []), q]);
  const each = Math.max(1, Math.round(n / groups.size));
  const picked = new Set<LabelledQuestion>();
  for (const g of groups.values()) {
    const k = Math.min(each, g.length);
    for (let i = 0; i < k; i++) picked.add(g[Math.floor((i * g.length) / k)] as LabelledQuestion);
  }
  return all.filter((q) => picked.has(q));
}

type Answerer = (text: string, key: string) => unknown;

function ourAnswerer(engine: Engine): Answerer {
  return (text, conversationKey) => engine.respond({ text, conversationKey });
}

function peerAnswerer(peer: Peer): Answerer {
  return (text, conversationKey) => peer.answer(text, conversationKey);
}

/**
 * Per-message latency with tinybench (each iteration answers the next question of a fixed shuffled
 * order, so a run cut short by the time budget is still a fair sample), then throughput: one sequential
 * loop for the same time.
 */
async function measureSpeed(
  answer: Answerer,
  questions: LabelledQuestion[],
  seconds: number,
): Promise<Speed> {
  const texts = shuffled(questions.map((q) => q.text));
  let i = 0;
  const next = () => {
    const k = i++ % texts.length;
    return answer(texts[k] as string, `speed:${k}`);
  };
  // Our engine answers synchronously; the peers return promises. Awaiting only what is a promise keeps
  // a microtask per message out of our figures.
  const first = next();
  const isAsync = first instanceof Promise;
  if (isAsync) await first;
  const bench = new Bench({ time: seconds * 1000, iterations: Math.min(texts.length, 64), warmup: true });
  if (isAsync) {
    bench.add('answer', async () => {
      await next();
    });
  } else {
    bench.add('answer', () => {
      next();
    });
  }
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (!result || !('latency' in result)) throw new Error(`tinybench: ${result?.state ?? 'no result'}`);

  let answered = 0;
  const until = performance.now() + seconds * 1000;
  const t = performance.now();
  while (performance.now() < until) {
    if (isAsync) await next();
    else next();
    answered++;
  }
  return {
    samples: result.latency.samplesCount,
    meanMs: result.latency.mean,
    medianMs: result.latency.p50,
    p99Ms: result.latency.p99,
    perSecond: answered / ((performance.now() - t) / 1000),
  };
}

/** `srm ask "who patches rds"`: spawn to the answer on stdout; RSS from a child that does the same work. */
async function cliStartup(runs: number): Promise<StartupRow> {
  const script = join(DIST, 'src/app/cli.js');
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push(await timeToFirstOutput(script, ['ask', QUESTION]));
  const rss = await childJson<{ rss: number }>(join(DIST, 'bench/engine-rss.js'), [QUESTION]);
  return {
    what: 'CLI `srm ask`',
    measures: 'spawn → answer on stdout',
    command: `node dist/src/app/cli.js ask "${QUESTION}"`,
    runs,
    medianMs: quantile(times, 0.5),
    p90Ms: quantile(times, 0.9),
    rssBytes: rss.rss,
    rssHow: 'a child that loads dist/src/app/boot.js, builds the engine, answers and renders one question',
  };
}

interface ServerSetup {
  what: string;
  env: Record<string, string>;
  /** Needs the local Slack stand-in for auth.test at start-up. */
  slack: boolean;
}

function serverSetups(): ServerSetup[] {
  return [
    {
      what: 'server, Teams only (unauthenticated)',
      env: { TEAMS_ALLOW_UNAUTHENTICATED: 'true' },
      slack: false,
    },
    {
      what: 'server, Slack (HTTP) + Teams',
      env: {
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: 'bench-signing-secret',
      },
      slack: true,
    },
  ];
}

/** `node dist/src/app/server.js`: spawn to the first 200 from /healthz; RSS of that process once healthy. */
async function serverStartup(s: ServerSetup, runs: number): Promise<StartupRow> {
  const dir = mkdtempSync(join(tmpdir(), 'srm-bench-start-'));
  const sink = s.slack
    ? await spawnServer({
        script: join(DIST, 'bench/http/sink.js'),
        env: { PATH: process.env.PATH ?? '' },
        announce: 'stdout-json',
      })
    : undefined;
  const times: number[] = [];
  const rss: number[] = [];
  let routes: string[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const server = await spawnServer({
        script: join(DIST, 'src/app/server.js'),
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: '0',
          HOST: '127.0.0.1',
          SRM_STATE_DIR: join(dir, 'var'),
          ...(sink ? { SLACK_API_URL: `http://127.0.0.1:${sink.port}/api/` } : {}),
          ...s.env,
        },
        announce: 'srm-log',
      });
      try {
        routes = (await waitHealthy(server.port)).routes ?? [];
        times.push(performance.now() - t);
        const m = server.rss();
        if (m !== null) rss.push(m);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await sink?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    what: s.what,
    measures: 'spawn → first healthy response',
    command: `${Object.entries(s.env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')} PORT=0 node dist/src/app/server.js`,
    runs,
    medianMs: quantile(times, 0.5),
    p90Ms: quantile(times, 0.9),
    rssBytes: rss.length ? quantile(rss, 0.5) : null,
    rssHow: 'VmRSS of the server process right after its first healthy answer',
    routes,
  };
}

/** Milliseconds from spawning `node script args` to its first byte on stdout (it must exit 0). */
function timeToFirstOutput(script: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    let first: number | undefined;
    let err = '';
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.once('data', () => {
      first = performance.now() - t;
    });
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0 && first !== undefined) resolve(first);
      else reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

/** Runs `node script args` to completion and parses the last line of its stdout as JSON. */
function childJson<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exited ${code}`);
        resolve(JSON.parse(last) as T);
      } catch (e) {
        reject(new Error(`${script}: ${e instanceof Error ? e.message : String(e)}\n${err}`));
      }
    });
  });
}
