import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuestions, type Prediction, score } from '../../bench/accuracy.js';
import { keepHeldOutSections, renderMarkdown } from '../../bench/markdown.js';
import { createGlue } from '../../bench/peers/peer.js';
import { type BenchResult, runBenchmarks, spread } from '../../bench/suite.js';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { engine } from '../helpers/engine.js';

/**
 * The benchmarks run on a tiny sample so they cannot rot: every section produces figures of the right
 * shape. Timings are never asserted; only that they are numbers.
 */

const finitePositive = (n: number) => {
  expect(Number.isFinite(n)).toBe(true);
  expect(n).toBeGreaterThan(0);
};

describe('npm run bench on a tiny sample', () => {
  let result: BenchResult;
  let md: string;

  beforeAll(async () => {
    result = await runBenchmarks({
      questions: 9,
      seconds: 0.2,
      startupRuns: 1,
      http: true,
      connections: 4,
      rounds: 2,
      log: () => {},
    });
    md = renderMarkdown(result);
    // Section 5 loads every server for at least a second per round (autocannon's shortest run).
  }, 120_000);

  it('scores ours and both peers on the same questions, with rates between 0 and 1', () => {
    expect(result.matchers.map((m) => m.name)).toEqual(['srm-bot', 'nlp.js', 'fuse.js']);
    for (const m of result.matchers) {
      const a = m.accuracy;
      expect(a.total).toBe(result.questions);
      expect(a.correct / a.total).toBeGreaterThanOrEqual(0);
      expect(a.correct / a.total).toBeLessThanOrEqual(1);
      expect(a.confidentlyWrong).toBeLessThanOrEqual(a.total);
      expect(a.outOfScopeRecall).toBeGreaterThanOrEqual(0);
      expect(a.outOfScopeRecall).toBeLessThanOrEqual(1);
      expect([...a.byIntent.keys()].sort()).toContain('out_of_scope');
    }
  });

  it('measures per-message latency and throughput for each matcher', () => {
    for (const m of result.matchers) {
      expect(m.speed.samples).toBeGreaterThan(0);
      finitePositive(m.speed.meanMs);
      finitePositive(m.speed.medianMs);
      finitePositive(m.speed.p99Ms);
      finitePositive(m.speed.perSecond);
      finitePositive(m.buildMs);
    }
  });

  it('times the CLI and the server from spawn, with their memory', () => {
    expect(result.startup.map((s) => s.what)).toEqual([
      'CLI `srm ask`',
      'server, Teams only (unauthenticated)',
      'server, Slack (HTTP) + Teams',
    ]);
    for (const s of result.startup) {
      finitePositive(s.medianMs);
      finitePositive(s.p90Ms);
      if (s.rssBytes !== null) finitePositive(s.rssBytes);
    }
  });

  it('times the state store per message, each engine beside the in-process Map', () => {
    expect(result.store.map((r) => r.engine.split(' ')[0])).toEqual([
      'in-process',
      'memory',
      'SQLite',
      'PostgreSQL',
    ]);
    const sqlite = result.store.find((r) => r.engine.startsWith('SQLite'));
    finitePositive(sqlite?.medianUs ?? Number.NaN);
    expect(md).toMatch(/State store, added per message beside the in-process Map \(p99\): SQLite/);
  });

  it('loads the Slack path and its bare Bolt baselines; every signed request is accepted', () => {
    const slack = result.http?.rows.filter((r) => r.path.startsWith('Slack')) ?? [];
    expect(slack.map((r) => r.baseline)).toEqual([
      'bare Bolt `HTTPReceiver` app that only acks',
      'bare Bolt app that acks with one fixed line in the body',
      "bare Bolt app that acks with srm-bot's answer, rendered once, in the body",
      'bare Bolt app that acks, then `respond()`s one fixed line',
      // the labelled questions in turn, against the app acking with srm-bot's answer
      "bare Bolt app that acks with srm-bot's answer, rendered once, in the body",
    ]);
    expect(slack[4]?.path).toMatch(/labelled questions in turn \(no answer-cache hits\)/);
    // srm-bot answers every /srm inside its ack.
    for (const row of slack) expect(row.delivered).toBe(row.ours.sent);
    for (const row of [...slack, ...(result.http?.rows ?? [])]) {
      finitePositive(row.ours.requestsPerSecond);
      finitePositive(row.bare.requestsPerSecond);
      finitePositive(row.ratio);
      // Interleaved rounds: one ratio per round, the reported one their median.
      expect(row.ratios).toHaveLength(2);
      expect(row.ours.rounds).toHaveLength(2);
      expect(row.bare.rounds).toHaveLength(2);
      expect(row.ratio).toBeGreaterThanOrEqual(Math.min(...row.ratios));
      expect(row.ratio).toBeLessThanOrEqual(Math.max(...row.ratios));
      if (row.cpuRatio !== null) finitePositive(row.cpuRatio);
      expect(row.ours.non2xx + row.bare.non2xx).toBe(0);
      expect(row.ours.errors + row.bare.errors).toBe(0);
      expect(row.delivered).toBeGreaterThan(0);
    }
    // Teams is measured when the server mounts /api/messages, and said otherwise.
    const teams = result.http?.rows.find((r) => r.path.startsWith('Teams'));
    expect(teams !== undefined || result.notes.some((n) => n.startsWith('Teams'))).toBe(true);
    // Every activity is answered (each has its own id, so none is dropped as a redelivery).
    if (teams) expect(teams.delivered).toBeGreaterThanOrEqual(teams.ours.sent);
  });

  it('writes a report with the machine and every section', () => {
    expect(md).toContain(process.version);
    for (const heading of [
      '## Summary',
      '## 1. Accuracy on the labelled questions',
      '### Per intent',
      '### Per phrasing style',
      '## 2. The peers',
      '## 3. Engine speed',
      '## 4. Start-up and memory',
      '## 5. HTTP paths',
      '## 6. State store',
      '## How to reproduce',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('bench helpers', () => {
  it('a new report keeps the hand-written held-out sections of the previous one, after its summary', () => {
    const previous =
      '# B\n\n## Summary\nold\n\n## Held-out set C\nfirst 44%\n\n### Held-out set D\nfirst 68%\n\n## 1. Accuracy\nold\n';
    const generated = '# B\n\n## Summary\nnew\n\n## 1. Accuracy\nnew\n';
    const out = keepHeldOutSections(previous, generated);
    expect(out).toContain('## Summary\nnew');
    expect(out).toContain('## Held-out set C\nfirst 44%');
    expect(out).toContain('### Held-out set D\nfirst 68%');
    expect(out.indexOf('## Held-out set C')).toBeLessThan(out.indexOf('## 1. Accuracy\nnew'));
    expect(out).not.toContain('old');
    expect(keepHeldOutSections('', generated)).toBe(generated);
  });

  const p = (over: Partial<Prediction>): Prediction => ({
    intent: 'who_owns',
    service: null,
    topic: null,
    owner: null,
    control: null,
    duty: null,
    kind: 'answer',
    offered: [],
    ...over,
  });
  const q = (expect: Record<string, unknown>) =>
    ({ id: 'x', text: 'x', expect: { service: null, owner: null, ...expect } }) as Parameters<
      typeof score
    >[0];

  it('scores small talk as outside the model, and a whole table as no headline owner', () => {
    expect(score(q({ intent: 'out_of_scope' }), p({ intent: 'smalltalk', kind: 'answer' })).correct).toBe(
      true,
    );
    expect(score(q({ intent: 'who_owns' }), p({ intent: 'smalltalk' })).correct).toBe(false);
    const table = p({ intent: 'service_overview', service: 'rds', owner: 'shared', table: true });
    const asked = q({ intent: 'who_owns', service: 'rds', owner: ['customer'] });
    expect(score(asked, table)).toMatchObject({ correct: false, confidentlyWrong: false });
    expect(score(asked, { ...table, table: false }).confidentlyWrong).toBe(true);
  });

  it('samples questions from every intent', () => {
    const all = loadQuestions(join(PACKAGE_ROOT, 'tests/fixtures/questions.jsonl'));
    const sample = spread(all, 18);
    expect(new Set(sample.map((q) => q.expect.intent))).toEqual(new Set(all.map((q) => q.expect.intent)));
    expect(sample.length).toBeLessThanOrEqual(20);
  });

  it("the peers' glue answers from the knowledge base and carries the last service over", () => {
    const glue = createGlue(engine().kb);
    const first = glue.decide(
      { intent: 'who_owns', services: ['rds'], topic: 'patching', control: null },
      'c',
    );
    expect(first).toMatchObject({
      kind: 'answer',
      service: 'rds',
      topic: 'patching',
      control: 'patch-management',
    });
    expect(['aws', 'shared']).toContain(first.owner);
    const followUp = glue.decide({ intent: 'who_owns', services: [], topic: 'backup', control: null }, 'c');
    expect(followUp).toMatchObject({ kind: 'answer', service: 'rds', topic: 'backup' });
    expect(glue.decide({ intent: null, services: ['rds'], topic: null, control: null }, 'c')).toMatchObject({
      kind: 'fallback',
      intent: 'out_of_scope',
    });
  });

  it('`npm run bench -- --help` prints the options; a bad option exits 2', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/bench/run.js'), ...args], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--quick');
    const bad = run(['--seconds=0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--seconds must be a positive number');
  });
});
