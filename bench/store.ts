/**
 * What the store adds to each message: a context get, a context set and an event claim, in that order,
 * one message after another, for each engine beside today's in-process ContextStore (a Map).
 * `node dist/bench/store.js [--messages N]` prints a table; `benchStore` is for `npm run bench` later.
 *
 * PostgreSQL: DATABASE_URL when set, else a throwaway local cluster (tests/helpers/postgres.ts) when
 * the binaries are there, else that row says why it was skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ContextStore, type Turn } from '../src/core/match/context.js';
import { openStore, type Store, type StoreConfig } from '../src/store/index.js';
import { findPostgresBin, startPostgres } from '../tests/helpers/postgres.js';
import { quantile } from './stats.js';

export interface StoreBenchRow {
  engine: string;
  /** Messages timed (after the warm-up). */
  messages: number;
  medianUs: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
  /** Median minus the in-process Map's median: what moving the state out of memory costs. */
  addedMedianUs: number;
  addedP99Us: number;
  note?: string;
}

/** Distinct conversations the messages rotate through (a busy workspace's active ones). */
const CONVERSATIONS = 1000;
const TTL_MS = 30 * 60_000;

function turn(i: number): Turn {
  return {
    intent: 'ownership' as Turn['intent'],
    service: 'rds',
    topic: 'patching',
    duty: 'rds.maintenance-window',
    dutyStems: ['patch', 'databas', 'engin'],
    at: i,
  };
}

async function time(
  messages: number,
  warmUp: number,
  one: (i: number) => Promise<void> | void,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < warmUp + messages; i++) {
    const t0 = process.hrtime.bigint();
    await one(i);
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    if (i >= warmUp) out.push(us);
  }
  return out;
}

async function timeStore(store: Store, messages: number, warmUp: number, run: string): Promise<number[]> {
  return time(messages, warmUp, async (i) => {
    const key = `slack:T1:C${i % CONVERSATIONS}`;
    await store.context.get(key);
    await store.context.set(key, turn(i), TTL_MS);
    await store.claims.claim(`slack:${run}:Ev${i}`);
  });
}

export async function benchStore(opts: { messages: number; warmUp?: number }): Promise<StoreBenchRow[]> {
  const warmUp = opts.warmUp ?? Math.min(1000, Math.ceil(opts.messages / 5));
  const run = Date.now().toString(36);
  const results: { engine: string; samples: number[] | null; note?: string }[] = [];

  const map = new ContextStore(TTL_MS, 10_000);
  results.push({
    engine: 'in-process Map (today)',
    samples: await time(opts.messages, warmUp, (i) => {
      const key = `slack:T1:C${i % CONVERSATIONS}`;
      map.get(key, i);
      map.set(key, turn(i));
    }),
  });

  const measure = async (engine: string, config: StoreConfig, messages = opts.messages, note?: string) => {
    const store = await openStore(config, { sweepIntervalMs: 0 });
    try {
      results.push({ engine, samples: await timeStore(store, messages, warmUp, run), note });
    } finally {
      await store.close();
    }
  };

  await measure('memory engine', { engine: 'memory' });

  const dir = mkdtempSync(join(tmpdir(), 'srm-bench-store-'));
  try {
    await measure('SQLite (WAL, synchronous=NORMAL, checkpoint every 10k pages)', {
      engine: 'sqlite',
      dir,
      file: join(dir, 'srm.sqlite'),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Three round trips per message on PostgreSQL: fewer messages keep the run short.
  const pgMessages = Math.max(100, Math.ceil(opts.messages / 4));
  if (process.env.DATABASE_URL) {
    await measure(
      'PostgreSQL (DATABASE_URL)',
      { engine: 'postgres', url: process.env.DATABASE_URL },
      pgMessages,
    );
  } else if (findPostgresBin()) {
    const cluster = await startPostgres();
    try {
      const url = await cluster.createDatabase('bench');
      await measure('PostgreSQL (local cluster, loopback)', { engine: 'postgres', url }, pgMessages);
    } finally {
      await cluster.stop();
    }
  } else {
    results.push({
      engine: 'PostgreSQL',
      samples: null,
      note: 'skipped: no DATABASE_URL and no local binaries',
    });
  }

  const base = results[0]?.samples ?? [];
  const baseMedian = quantile(base, 0.5);
  const baseP99 = quantile(base, 0.99);
  return results.map(({ engine, samples, note }) => {
    const s = samples ?? [];
    const medianUs = quantile(s, 0.5);
    const p99Us = quantile(s, 0.99);
    return {
      engine,
      messages: s.length,
      medianUs,
      p99Us,
      p999Us: quantile(s, 0.999),
      maxUs: s.length ? Math.max(...s) : Number.NaN,
      addedMedianUs: medianUs - baseMedian,
      addedP99Us: p99Us - baseP99,
      ...(note ? { note } : {}),
    };
  });
}

export function renderStoreBench(rows: readonly StoreBenchRow[]): string {
  const f = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(1));
  const lines = [
    '| engine | messages | median µs | p99 µs | p99.9 µs | max µs | added median µs | added p99 µs |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.engine}${r.note ? ` (${r.note})` : ''} | ${r.messages} | ${f(r.medianUs)} | ${f(r.p99Us)} | ${f(r.p999Us)} | ${f(r.maxUs)} | ${f(r.addedMedianUs)} | ${f(r.addedP99Us)} |`,
    ),
  ];
  return `Per message: context get + context set + event claim\n\n${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { messages: { type: 'string' } } });
  const messages = Number(values.messages ?? 20_000);
  if (!Number.isInteger(messages) || messages < 1) {
    process.stderr.write(`--messages must be a whole number above 0 (got "${values.messages}")\n`);
    process.exit(2);
  }
  process.stdout.write(renderStoreBench(await benchStore({ messages })));
}
