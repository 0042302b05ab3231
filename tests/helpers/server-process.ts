import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/app/boot.js';

/** `npm start` as a child process: the real composition root on a free port of 127.0.0.1. */
export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  base: string;
  /** The working folder (the SQLite store in var/ inside, unless DATABASE_URL is given). */
  dir: string;
  /** Everything written to stderr so far (the JSON log lines). */
  stderr(): string;
  exited(): Promise<number | null>;
  kill(): void;
}

/** `dir`: the working folder to start in (a restart reuses the last one's, and its SQLite store). */
export async function startServerProcess(
  env: Record<string, string>,
  opts: { dir?: string } = {},
): Promise<ServerProcess> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'srm-main-'));
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/src/app/server.js')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 15_000);
    const check = () => {
      const line = stderr.split('\n').find((l) => l.includes('srm-bot listening'));
      if (line) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
      } else setTimeout(check, 50);
    };
    check();
  });
  return {
    child,
    base,
    dir,
    stderr: () => stderr,
    // 'close', not 'exit': by then everything the process wrote to stderr has been read.
    exited: () => closed,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
