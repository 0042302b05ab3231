import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { TUNABLES } from '../../src/core/tunables.js';
import { loadQuestions } from '../accuracy.js';
import { type Started, spawnServer, waitHealthy } from '../processes.js';
import { quantile, shuffled } from '../stats.js';
import type { SinkStats } from './sink.js';

/**
 * Section 5: each HTTP path of the real server (`node dist/src/app/server.js`, Slack in HTTP mode and Teams
 * unauthenticated, talking to a local sink) against its bare framework, in the same run, with
 * autocannon on 127.0.0.1. The server, the sink and autocannon are separate processes, and every server of
 * a path (ours and each baseline) runs for the whole of that path's measurement.
 *
 * A machine shared with other work runs the same code at very different speeds from one second to the
 * next (on a two-core VM here, a fixed loop of HMACs took from 40 to 170 ms), so one run of each side, one
 * after the other, can put a slow patch on either and give any ratio (0.75, 1.56 and 0.88 in three runs of
 * the previous version of this file). So each side gets the same untimed warm-up, then the sides take
 * turns: several rounds, each with one timed run of every server of the path, the two sides of the ratio
 * that matters back to back. A ratio is taken within each round and the median reported with its spread.
 * The servers' CPU time per request is reported beside it: here neither side keeps a core busy (the
 * client, the kernel's loopback and the wake-ups between processes take their share of each round trip),
 * so requests per second understate a difference in cost, and CPU time shows it.
 */
export interface Load {
  /** Median over the rounds of the requests per second of each timed run. */
  requestsPerSecond: number;
  /** Medians over the rounds. */
  p50Ms: number;
  p99Ms: number;
  /** Requests completed in the timed runs, all rounds. */
  requests: number;
  /** Requests sent, warm-ups included. */
  sent: number;
  non2xx: number;
  errors: number;
  /** Responses whose body carried an answer (warm-ups included), when the run counts them. */
  answered: number;
  /**
   * Median over the rounds of the server process's CPU time (user + system) per completed request, in
   * microseconds: what saturated throughput is made of, and less disturbed than requests per second by
   * other work on the machine. Null where /proc cannot be read.
   */
  cpuUsPerRequest: number | null;
  /** Each timed run's requests per second, in round order. */
  rounds: number[];
}

export interface HttpRow {
  path: string;
  baseline: string;
  ours: Load;
  bare: Load;
  /** Median over the rounds of ours / baseline requests per second, each pair measured in the same round. */
  ratio: number;
  /** Each round's ratio, in round order (the spread: their minimum and maximum). */
  ratios: number[];
  /** Median over the rounds of baseline / ours CPU time per request (above 1: ours costs less); null without /proc. */
  cpuRatio: number | null;
  /** Answers that reached the fake platform from our server, warm-ups included (Slack ack bodies and response
   * URLs, Teams activities): should equal `ours.sent`. */
  delivered: number;
}

export interface HttpSection {
  seconds: number;
  connections: number;
  /** Timed runs per target, interleaved: each round runs every target once, in a rotated order. */
  rounds: number;
  /** Untimed requests each target gets before the first round (the same number for every target). */
  warmupRequests: number;
  rows: HttpRow[];
  /** Paths not measured, with the reason. */
  skipped: string[];
}

const SECRET = 'bench-signing-secret';
/** The fewest untimed requests each target gets before the first round. */
const MIN_WARMUP_REQUESTS = 200;
const QUESTION = 'who patches rds';

export interface HttpOptions {
  distDir: string;
  seconds: number;
  connections: number;
  /** Interleaved rounds (default DEFAULT_ROUNDS). */
  rounds?: number;
  log: (line: string) => void;
}

export const DEFAULT_ROUNDS = 5;

type Req = { method: string; headers: Record<string, string>; body: string };

/** One thing to load: a server's URL, how to build each request, and its timed runs so far. */
interface Target {
  name: string;
  url: string;
  pid: number;
  request: () => Req;
  runs: Run[];
  /** Untimed requests sent (the warm-ups). */
  warmupSent: number;
  warmupNon2xx: number;
  warmupErrors: number;
  answered: number;
}

interface Run {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  cpuMs: number | null;
}

export async function runHttp(o: HttpOptions): Promise<HttpSection> {
  const rounds = Math.max(1, Math.round(o.rounds ?? DEFAULT_ROUNDS));
  // The same warm-up for every target: about a second's worth of requests on a full run.
  const warmupRequests = Math.min(5_000, Math.max(MIN_WARMUP_REQUESTS, Math.round(1_000 * o.seconds)));
  const section: HttpSection = {
    seconds: o.seconds,
    connections: o.connections,
    rounds,
    warmupRequests,
    rows: [],
    skipped: [],
  };
  const dir = mkdtempSync(join(tmpdir(), 'srm-bench-http-'));
  const started: Started[] = [];
  const start = async (s: Parameters<typeof spawnServer>[0]) => {
    const c = await spawnServer(s);
    started.push(c);
    return c;
  };
  const env = { PATH: process.env.PATH ?? '' };
  const interleave = (groups: Target[][], what: string) =>
    interleaved(groups, { ...o, rounds, warmupRequests }, what);
  try {
    const sink = await start({ script: join(o.distDir, 'bench/http/sink.js'), env, announce: 'stdout-json' });
    const sinkUrl = `http://127.0.0.1:${sink.port}`;
    const stats = async () => (await (await fetch(`${sinkUrl}/stats`)).json()) as SinkStats;

    const ours = await start({
      script: join(o.distDir, 'src/app/server.js'),
      cwd: dir,
      env: {
        ...env,
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${sinkUrl}/api/`,
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
        PORT: '0',
        HOST: '127.0.0.1',
        SRM_STATE_DIR: join(dir, 'var'),
      },
      announce: 'srm-log',
    });
    const routes = (await waitHealthy(ours.port)).routes ?? [];

    // Slack: /srm who patches rds, signed like Slack does, against bare Bolt apps that only ack, that ack
    // with a fixed line in the body, that ack with srm-bot's own answer in the body (how srm-bot answers:
    // the baseline to beat), and that ack then post a fixed line to the response URL (how srm-bot answered
    // before it answered inside the ack). Every app runs from the start; the runs are interleaved.
    if (routes.includes('/slack/events')) {
      // Each request its own trigger id, so its own signature: srm-bot refuses a signature it has seen
      // (replay protection, issue 18); the bare apps get the same requests. Each target's response URL
      // has its own one-letter path, so the sink counts what each one posted there.
      let n = 0;
      const slackRequest =
        (key: string, text: () => string = () => QUESTION) =>
        (): Req => {
          const body = new URLSearchParams({
            ...slashCommand(`${sinkUrl}/response/${key}`),
            text: text(),
            trigger_id: `bench.${process.pid}.${n++}`,
          }).toString();
          return { method: 'POST', headers: slackHeaders(body), body };
        };
      const slackUrl = (port: number) => `http://127.0.0.1:${port}/slack/events`;
      const oursTarget = target('srm-bot', slackUrl(ours.port), ours.pid, slackRequest('o'));
      const bareSpecs: Array<{
        baseline: string;
        mode: 'ack' | 'body' | 'respond';
        key: string;
        body?: string;
      }> = [
        { baseline: 'bare Bolt `HTTPReceiver` app that only acks', mode: 'ack', key: 'a' },
        { baseline: 'bare Bolt app that acks with one fixed line in the body', mode: 'body', key: 'l' },
        {
          baseline: "bare Bolt app that acks with srm-bot's answer, rendered once, in the body",
          mode: 'body',
          key: 'b',
          body: await renderedAnswer(),
        },
        { baseline: 'bare Bolt app that acks, then `respond()`s one fixed line', mode: 'respond', key: 'r' },
      ];
      const bares: Array<{ baseline: string; target: Target }> = [];
      for (const b of bareSpecs) {
        const bare = await start({
          script: join(o.distDir, 'bench/http/bare-bolt.js'),
          env: {
            ...env,
            BENCH_SIGNING_SECRET: SECRET,
            BENCH_MODE: b.mode,
            ...(b.body ? { BENCH_BODY: b.body } : {}),
          },
          announce: 'stdout-json',
        });
        bares.push({
          baseline: b.baseline,
          target: target(b.baseline, slackUrl(bare.port), bare.pid, slackRequest(b.key)),
        });
      }
      const answerBaseline = bares[2] as (typeof bares)[number];

      // The same, but each request asks the next of every labelled and held-out question in turn: more
      // questions than srm-bot's answer cache holds, asked in a cycle, so every one is matched and
      // rendered afresh (the rows above repeat one question, which the cache answers after the first).
      const questions = cycleQuestions();
      let q = 0;
      const fresh =
        questions.length > TUNABLES.answerCache.entries
          ? target(
              'srm-bot, questions in turn',
              slackUrl(ours.port),
              ours.pid,
              slackRequest('f', () => questions[q++ % questions.length] as string),
            )
          : null;
      if (!fresh) {
        section.skipped.push(
          `Slack with questions in turn: only ${questions.length} questions, not more than the answer cache holds`,
        );
      }

      // srm-bot and the baseline to beat (and the questions in turn, against the same baseline) run back to
      // back in every round; the other baselines each on their own.
      await interleave(
        [
          [oursTarget, answerBaseline.target, ...(fresh ? [fresh] : [])],
          ...bares.filter((b) => b !== answerBaseline).map((b) => [b.target]),
        ],
        'Slack /srm',
      );
      // Answers still on their way to the sink (the respond() baseline posts after its ack).
      const sunk = JSON.parse(await settle(async () => JSON.stringify((await stats()).byTarget))) as Record<
        string,
        number
      >;
      const delivered = (t: Target, key: string) => t.answered + (sunk[key] ?? 0);
      for (const b of bares) {
        section.rows.push(
          row(
            'Slack slash command `/srm who patches rds` (signed, form-encoded)',
            b.baseline,
            oursTarget,
            b.target,
            delivered(oursTarget, 'o'),
          ),
        );
      }
      if (fresh) {
        section.rows.push(
          row(
            `Slack slash command, ${questions.length.toLocaleString('en-US')} labelled questions in turn (no answer-cache hits)`,
            answerBaseline.baseline,
            fresh,
            answerBaseline.target,
            delivered(fresh, 'f'),
          ),
        );
      }
    } else {
      section.skipped.push('Slack: the server did not mount /slack/events');
    }

    // Teams: a message activity on /api/messages against a bare CloudAdapter echo bot.
    if (routes.includes('/api/messages')) {
      const bare = await start({
        script: join(o.distDir, 'bench/http/bare-teams.js'),
        env,
        announce: 'stdout-json',
      });
      // Each activity its own id: srm-bot ignores an activity id it has seen (a redelivery), so one id
      // for every request would measure only that refusal. Each side's service URL has its own one-letter
      // path, so the sink counts each side's answers.
      let n = 0;
      const request = (key: string) => (): Req => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...teamsMessage(`${sinkUrl}/${key}/`), id: `bench.${process.pid}.${n++}` }),
      });
      const teamsUrl = (port: number) => `http://127.0.0.1:${port}/api/messages`;
      const bareTarget = target('bare CloudAdapter', teamsUrl(bare.port), bare.pid, request('e'));
      const oursTarget = target('srm-bot', teamsUrl(ours.port), ours.pid, request('t'));
      await interleave([[oursTarget, bareTarget]], 'Teams /api/messages');
      const sunk = JSON.parse(await settle(async () => JSON.stringify((await stats()).byTarget))) as Record<
        string,
        number
      >;
      section.rows.push(
        row(
          'Teams `/api/messages`, message "who patches rds" (unauthenticated)',
          'bare botbuilder `CloudAdapter` echo bot',
          oursTarget,
          bareTarget,
          sunk.t ?? 0,
        ),
      );
    } else {
      section.skipped.push(
        'Teams: the server did not mount /api/messages (no Teams adapter in this build), so only the Slack path was measured',
      );
    }
  } finally {
    for (const c of started.reverse()) await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return section;
}

function target(name: string, url: string, pid: number, request: () => Req): Target {
  return { name, url, pid, request, runs: [], warmupSent: 0, warmupNon2xx: 0, warmupErrors: 0, answered: 0 };
}

/**
 * The targets loaded in turn, all under the same conditions: first the same untimed warm-up for each (JIT,
 * caches), then `rounds` rounds in which every target gets one timed run of `seconds` (autocannon runs
 * last a whole number of seconds, at least one). Targets come in groups whose runs are back to back, so a
 * ratio taken within a group compares runs seconds apart, under the same patch of the machine; inside a
 * group the order reverses every round (A B, B A, …), and the groups' order rotates by one each round, so
 * every target is measured as often early as late.
 */
async function interleaved(
  groups: Target[][],
  o: HttpOptions & { rounds: number; warmupRequests: number },
  what: string,
): Promise<void> {
  const targets = groups.flat();
  o.log(`http: ${what}, warm-up: ${o.warmupRequests} requests to each of ${targets.length} servers`);
  for (const t of targets) await load(t, { amount: o.warmupRequests }, o.connections);
  for (let r = 0; r < o.rounds; r++) {
    o.log(`http: ${what}, round ${r + 1} of ${o.rounds} (${targets.length} × ${o.seconds} s)`);
    for (let g = 0; g < groups.length; g++) {
      const group = groups[(g + r) % groups.length] as Target[];
      for (const t of r % 2 === 0 ? group : [...group].reverse()) {
        t.runs.push((await load(t, { duration: o.seconds }, o.connections)) as Run);
      }
    }
  }
}

/** A Slack ack body that carries a message (srm-bot's answer, or the bare app's fixed line). */
const isAnswer = (body: string) => body.includes('"text"');

/**
 * One autocannon run against the target: untimed (`amount`, a warm-up, counted in `warmupSent`) or timed
 * (`duration`, returned). A fresh request for every send: a new body and signature where the builder makes
 * one, and a timestamp well inside Slack's five-minute window. Every response body is checked for an
 * answer, on every target and run alike, so the cost is equal.
 */
async function load(
  t: Target,
  extra: { amount: number } | { duration: number },
  connections: number,
): Promise<Run | undefined> {
  const req = t.request();
  const cpu0 = cpuMsOf(t.pid);
  const r = await autocannon({
    url: t.url,
    ...req,
    requests: [
      {
        ...req,
        setupRequest: (x) => ({ ...x, ...t.request() }),
        onResponse: (_status: number, body: string) => {
          if (isAnswer(body)) t.answered++;
        },
      },
    ],
    connections,
    ...extra,
  });
  const cpu1 = cpuMsOf(t.pid);
  if ('amount' in extra) {
    t.warmupSent += r.requests.total;
    t.warmupNon2xx += r.non2xx;
    t.warmupErrors += r.errors;
    return undefined;
  }
  return {
    requestsPerSecond: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
  };
}

function summary(t: Target): Load {
  const cpu = t.runs.map((r) => (r.cpuMs === null ? null : (r.cpuMs * 1000) / Math.max(1, r.requests)));
  const requests = sum(t.runs.map((r) => r.requests));
  return {
    requestsPerSecond: median(t.runs.map((r) => r.requestsPerSecond)),
    p50Ms: median(t.runs.map((r) => r.p50Ms)),
    p99Ms: median(t.runs.map((r) => r.p99Ms)),
    requests,
    sent: t.warmupSent + requests,
    non2xx: t.warmupNon2xx + sum(t.runs.map((r) => r.non2xx)),
    errors: t.warmupErrors + sum(t.runs.map((r) => r.errors)),
    answered: t.answered,
    cpuUsPerRequest: cpu.includes(null) ? null : median(cpu as number[]),
    rounds: t.runs.map((r) => r.requestsPerSecond),
  };
}

function row(path: string, baseline: string, ours: Target, bare: Target, delivered: number): HttpRow {
  const ratios = ours.runs.map((r, i) => r.requestsPerSecond / (bare.runs[i] as Run).requestsPerSecond);
  const cpuRatios = ours.runs.map((r, i) => {
    const b = bare.runs[i] as Run;
    return r.cpuMs === null || b.cpuMs === null || r.cpuMs === 0
      ? null
      : b.cpuMs / Math.max(1, b.requests) / (r.cpuMs / Math.max(1, r.requests));
  });
  return {
    path,
    baseline,
    ours: summary(ours),
    bare: summary(bare),
    ratio: median(ratios),
    ratios,
    cpuRatio: cpuRatios.includes(null) ? null : median(cpuRatios as number[]),
    delivered,
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => quantile(xs, 0.5);

/** Milliseconds of CPU (user + system) a process has used, from /proc; null where it cannot be read. */
function cpuMsOf(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux nearly everywhere). */
const CLOCK_TICKS = (() => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

/** srm-bot's ack body for QUESTION, rendered once: the same bytes our server sends, for the baseline. */
async function renderedAnswer(): Promise<string> {
  const { bootEngine, PACKAGE_ROOT } = await import('../../src/app/boot.js');
  const { renderReply } = await import('../../src/adapters/slack/render/reply.js');
  const engine = bootEngine({
    dataDir: join(PACKAGE_ROOT, 'data'),
    intentsDir: join(PACKAGE_ROOT, 'intents'),
    contextTtlMs: 60_000,
  });
  const reply = engine.respond({ text: QUESTION, conversationKey: 'bench:baseline' });
  return JSON.stringify({ response_type: 'ephemeral', ...renderReply(reply, { shareQuestion: QUESTION }) });
}

/**
 * Every first-turn question of the labelled and held-out sets (no earlier messages), each once, in a fixed
 * shuffled order; texts longer than a slash command's are left out.
 */
function cycleQuestions(): string[] {
  const files = ['questions.jsonl', 'holdout.jsonl', 'holdout-b.jsonl', 'holdout-c.jsonl'];
  const texts = new Set<string>();
  for (const f of files) {
    const path = join(PACKAGE_ROOT, 'tests/fixtures', f);
    if (!existsSync(path)) continue;
    for (const q of loadQuestions(path)) if (!q.context?.length && q.text.length <= 300) texts.add(q.text);
  }
  return shuffled([...texts], 7);
}

/** Waits until a reading stops changing (answers still in flight after a run) and returns it. */
async function settle<T>(read: () => Promise<T>): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 100; i++) {
    const now = await read();
    if (now === last) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last as T;
}

export function slackHeaders(body: string, secret = SECRET): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
  };
}

/** The fields Slack posts for `/srm <text>` (as in tests/helpers/slack/requests.ts). */
function slashCommand(responseUrl: string): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'security',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/srm',
    text: QUESTION,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1700000000.1.bench',
  };
}

/** A personal-chat message activity as Teams sends it. */
function teamsMessage(serviceUrl: string): Record<string, unknown> {
  return {
    type: 'message',
    id: '1700000000001',
    timestamp: '2024-01-01T00:00:00.000Z',
    localTimestamp: '2024-01-01T00:00:00.000Z',
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:bench-user', name: 'Alice', aadObjectId: '00000000-0000-0000-0000-00000000a11c' },
    conversation: { conversationType: 'personal', id: 'a:bench-conversation', tenantId: 'bench-tenant' },
    recipient: { id: '28:bench-bot', name: 'srm' },
    text: QUESTION,
    textFormat: 'plain',
    locale: 'en-US',
    channelData: { tenant: { id: 'bench-tenant' } },
  };
}
