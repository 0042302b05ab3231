import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { TUNABLES } from '../../src/core/tunables.js';
import { loadQuestions } from '../accuracy.js';
import { type Started, spawnServer, waitHealthy } from '../processes.js';
import { shuffled } from '../stats.js';
import type { SinkStats } from './sink.js';

/**
 * Section 5: each HTTP path of the real server (`node dist/src/app/server.js`, Slack in HTTP mode and Teams
 * unauthenticated, talking to a local sink) against its bare framework, in the same run, with
 * autocannon on 127.0.0.1. The server, the sink and autocannon are three processes.
 */

export interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests completed in the timed run. */
  requests: number;
  /** Requests sent, warm-up included. */
  sent: number;
  non2xx: number;
  errors: number;
  /** Responses whose body carried an answer (warm-up included), when the run counts them. */
  answered: number;
}

export interface HttpRow {
  path: string;
  baseline: string;
  ours: Load;
  bare: Load;
  /** ours / bare requests per second. */
  ratio: number;
  /** Answers that reached the fake platform from our server, warm-up included (Slack response URLs,
   * Teams activities): should equal `ours.sent`. */
  delivered: number;
}

export interface HttpSection {
  seconds: number;
  connections: number;
  rows: HttpRow[];
  /** Paths not measured, with the reason. */
  skipped: string[];
}

const SECRET = 'bench-signing-secret';
/** Untimed requests before each run: enough for the JIT and connection pools to settle. */
const WARMUP_REQUESTS = 200;
const QUESTION = 'who patches rds';

export interface HttpOptions {
  distDir: string;
  seconds: number;
  connections: number;
  log: (line: string) => void;
}

export async function runHttp(o: HttpOptions): Promise<HttpSection> {
  const section: HttpSection = { seconds: o.seconds, connections: o.connections, rows: [], skipped: [] };
  const dir = mkdtempSync(join(tmpdir(), 'srm-bench-http-'));
  const started: Started[] = [];
  const start = async (s: Parameters<typeof spawnServer>[0]) => {
    const c = await spawnServer(s);
    started.push(c);
    return c;
  };
  const env = { PATH: process.env.PATH ?? '' };
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
    // with a fixed line in the body (how srm-bot answers), and that ack then post a fixed line to the
    // response URL (how srm-bot answered before it answered inside the ack).
    if (routes.includes('/slack/events')) {
      // Each request its own trigger id, so its own signature: srm-bot refuses a signature it has seen
      // (replay protection, issue 18); the bare apps get the same requests.
      let n = 0;
      const request = () => {
        const body = new URLSearchParams({
          ...slashCommand(`${sinkUrl}/response/bench`),
          trigger_id: `bench.${process.pid}.${n++}`,
        }).toString();
        return { method: 'POST', headers: slackHeaders(body), body };
      };
      const bareRuns: Array<{
        baseline: string;
        mode: 'ack' | 'body' | 'respond';
        body?: string;
        load?: Load;
      }> = [
        { baseline: 'bare Bolt `HTTPReceiver` app that only acks', mode: 'ack' },
        { baseline: 'bare Bolt app that acks with one fixed line in the body', mode: 'body' },
        {
          baseline: "bare Bolt app that acks with srm-bot's answer, rendered once, in the body",
          mode: 'body',
          body: await renderedAnswer(),
        },
        { baseline: 'bare Bolt app that acks, then `respond()`s one fixed line', mode: 'respond' },
      ];
      for (const b of bareRuns) {
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
        o.log(`http: Slack /srm, ${b.baseline} (${o.seconds} s)`);
        b.load = await load(`http://127.0.0.1:${bare.port}/slack/events`, request, o, isAnswer);
        await bare.stop();
      }
      o.log(`http: Slack /srm, srm-bot (${o.seconds} s)`);
      const before = await settle(async () => (await stats()).slackResponses);
      const ourLoad = await load(`http://127.0.0.1:${ours.port}/slack/events`, request, o, isAnswer);
      await settle(async () => (await stats()).slackResponses);
      // Answers in the ack bodies, plus any that went through the response URL.
      const delivered = ourLoad.answered + (await stats()).slackResponses - before;
      for (const b of bareRuns) {
        const bareLoad = b.load as Load;
        section.rows.push({
          path: 'Slack slash command `/srm who patches rds` (signed, form-encoded)',
          baseline: b.baseline,
          ours: ourLoad,
          bare: bareLoad,
          ratio: ourLoad.requestsPerSecond / bareLoad.requestsPerSecond,
          delivered,
        });
      }

      // The same, but each request asks the next of every labelled and held-out question in turn: more
      // questions than srm-bot's answer cache holds, asked in a cycle, so every one is matched and
      // rendered afresh (the rows above repeat one question, which the cache answers after the first).
      const questions = cycleQuestions();
      if (questions.length > TUNABLES.answerCache.entries) {
        let q = 0;
        const fresh = () => {
          const body = new URLSearchParams({
            ...slashCommand(`${sinkUrl}/response/bench`),
            text: questions[q++ % questions.length] as string,
            trigger_id: `bench.${process.pid}.${n++}`,
          }).toString();
          return { method: 'POST', headers: slackHeaders(body), body };
        };
        o.log(`http: Slack /srm, srm-bot, ${questions.length} questions in turn (${o.seconds} s)`);
        const before = await settle(async () => (await stats()).slackResponses);
        const missLoad = await load(`http://127.0.0.1:${ours.port}/slack/events`, fresh, o, isAnswer);
        await settle(async () => (await stats()).slackResponses);
        const bodyRun = bareRuns.find((b) => b.body) as (typeof bareRuns)[number];
        const bareLoad = bodyRun.load as Load;
        section.rows.push({
          path: `Slack slash command, ${questions.length.toLocaleString('en-US')} labelled questions in turn (no answer-cache hits)`,
          baseline: bodyRun.baseline,
          ours: missLoad,
          bare: bareLoad,
          ratio: missLoad.requestsPerSecond / bareLoad.requestsPerSecond,
          delivered: missLoad.answered + (await stats()).slackResponses - before,
        });
      } else {
        section.skipped.push(
          `Slack with questions in turn: only ${questions.length} questions, not more than the answer cache holds`,
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
      // for every request would measure only that refusal.
      let n = 0;
      const request = () => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...teamsMessage(`${sinkUrl}/`), id: `bench.${process.pid}.${n++}` }),
      });
      o.log(`http: Teams /api/messages, bare CloudAdapter (${o.seconds} s)`);
      const bareLoad = await load(`http://127.0.0.1:${bare.port}/api/messages`, request, o);
      o.log(`http: Teams /api/messages, srm-bot (${o.seconds} s)`);
      const before = await settle(async () => (await stats()).teamsActivities);
      const ourLoad = await load(`http://127.0.0.1:${ours.port}/api/messages`, request, o);
      await settle(async () => (await stats()).teamsActivities);
      section.rows.push({
        path: 'Teams `/api/messages`, message "who patches rds" (unauthenticated)',
        baseline: 'bare botbuilder `CloudAdapter` echo bot',
        ours: ourLoad,
        bare: bareLoad,
        ratio: ourLoad.requestsPerSecond / bareLoad.requestsPerSecond,
        delivered: (await stats()).teamsActivities - before,
      });
      await bare.stop();
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

/** A Slack ack body that carries a message (srm-bot's answer, or the bare app's fixed line). */
const isAnswer = (body: string) => body.includes('"text"');

/** A short untimed warm-up (JIT, connection pools), then a timed run. A fresh request per run keeps
 * Slack's signature timestamp well inside its five-minute window. With `counts`, each response body is
 * checked and the answers counted (the same check on every run it is used on, so the cost is equal). */
async function load(
  url: string,
  request: () => { method: string; headers: Record<string, string>; body: string },
  o: HttpOptions,
  counts?: (body: string) => boolean,
): Promise<Load> {
  let answered = 0;
  const run = (extra: { amount: number } | { duration: number }) => {
    const req = request();
    const onResponse = counts
      ? (_status: number, body: string) => {
          if (counts(body)) answered++;
        }
      : undefined;
    return autocannon({
      url,
      ...req,
      // A fresh request for every send (a new body and signature where the builder makes one).
      requests: [
        {
          ...req,
          setupRequest: (r) => ({ ...r, ...request() }),
          ...(onResponse ? { onResponse } : {}),
        },
      ],
      connections: o.connections,
      ...extra,
    });
  };
  const warm = await run({ amount: WARMUP_REQUESTS });
  const r = await run({ duration: o.seconds });
  return {
    requestsPerSecond: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    sent: warm.requests.total + r.requests.total,
    non2xx: r.non2xx + warm.non2xx,
    errors: r.errors + warm.errors,
    answered,
  };
}

/** Waits until a counter stops moving (answers still in flight after a run) and returns it. */
async function settle(read: () => Promise<number>): Promise<number> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const now = await read();
    if (now === last) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
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
