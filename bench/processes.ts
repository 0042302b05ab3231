import { type ChildProcess, spawn } from 'node:child_process';
import { rssOf } from './machine.js';

/** A child process the benchmarks started (a server, a fake platform), and how to stop it. */
export interface Started {
  proc: ChildProcess;
  pid: number;
  port: number;
  /** Milliseconds from spawn until the port was known. */
  readyMs: number;
  rss(): number | null;
  /** The last few kilobytes of its stderr, for error messages. */
  stderrTail(): string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  script: string;
  args?: string[];
  env: Record<string, string>;
  cwd?: string;
  /** Where the child announces its port: a `{"port":N}` line on stdout, or src/app/server.ts's pino log line. */
  announce: 'stdout-json' | 'srm-log';
  timeoutMs?: number;
}

const TAIL = 4096;

/** Spawns `node script` and resolves once it has announced the port it listens on. */
export function spawnServer(o: SpawnOptions): Promise<Started> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [o.script, ...(o.args ?? [])], {
    cwd: o.cwd,
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const kill = setTimeout(() => proc.kill('SIGKILL'), 3_000);
      proc.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  return new Promise<Started>((resolve, reject) => {
    let done = false;
    const fail = (why: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${o.script}: ${why}\n${err.slice(-TAIL)}`)));
    };
    const timer = setTimeout(() => fail('did not start in time'), o.timeoutMs ?? 20_000);
    const check = () => {
      if (done) return;
      const port = o.announce === 'stdout-json' ? jsonPort(out) : srmLogPort(err);
      if (port === undefined) return;
      done = true;
      clearTimeout(timer);
      const pid = proc.pid as number;
      resolve({
        proc,
        pid,
        port,
        readyMs: performance.now() - t0,
        rss: () => rssOf(pid),
        stderrTail: () => err.slice(-TAIL),
        stop,
      });
    };
    proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
      if (out.length < 65_536) out += d;
      check();
    });
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err = (err + d).slice(-65_536);
      check();
    });
    proc.once('error', (e) => fail(e.message));
    proc.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

function jsonPort(out: string): number | undefined {
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const port = (JSON.parse(line) as { port?: unknown }).port;
      if (typeof port === 'number') return port;
    } catch {
      // a partial line: wait for the rest
    }
  }
  return undefined;
}

/** src/app/server.ts logs `{"msg":"srm-bot listening","port":N,…}` on stderr once its server listens. */
function srmLogPort(err: string): number | undefined {
  for (const line of err.split('\n')) {
    if (!line.includes('srm-bot listening')) continue;
    try {
      const port = (JSON.parse(line) as { port?: unknown }).port;
      if (typeof port === 'number') return port;
    } catch {
      // a partial line: wait for the rest
    }
  }
  return undefined;
}

/** Polls GET /healthz until it answers 200; resolves with its JSON body. */
export async function waitHealthy(port: number, timeoutMs = 10_000): Promise<{ routes?: string[] }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return (await res.json()) as { routes?: string[] };
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > until) throw new Error(`127.0.0.1:${port}/healthz did not answer 200 in time`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
