import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests and the benchmark: `initdb` on a temporary folder, `pg_ctl`
 * on 127.0.0.1 and a free port, trust authentication (loopback only), removed by `stop()`. As root it
 * runs the server as the `postgres` user (initdb refuses root) on a folder that user owns.
 *
 * Binaries: $PG_BIN if set, else Debian's /usr/lib/postgresql/<newest>/bin (the `postgresql` package
 * does not put initdb on PATH), else initdb on PATH with pg_ctl and postgres beside its real path.
 */
export interface PostgresCluster {
  port: number;
  /** A connection URL for a database of this cluster. */
  url(database: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const NEEDED = ['initdb', 'pg_ctl', 'postgres'] as const;
export const INSTALL_HINT =
  'install the Debian package: apt-get install -y postgresql (or set PG_BIN to a folder holding initdb, pg_ctl and postgres)';

/** The folder holding initdb, pg_ctl and postgres, or null when none was found. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const has = (dir: string) => NEEDED.every((b) => existsSync(join(dir, b)));
  if (env.PG_BIN) return has(env.PG_BIN) ? env.PG_BIN : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(join(debian, v, 'bin'))) return join(debian, v, 'bin');
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const initdb = join(dir, 'initdb');
    if (!dir || !existsSync(initdb)) continue;
    const real = dirname(realpathSync(initdb));
    if (has(real)) return real;
  }
  return null;
}

/**
 * Whether the PostgreSQL tests can run here. Missing binaries skip them with a warning on the console,
 * except in CI (`CI` set), where the caller is told to fail instead.
 */
export function postgresAvailability(): { bin: string | null; skip: boolean } {
  const bin = findPostgresBin();
  if (bin) return { bin, skip: false };
  if (process.env.CI) return { bin: null, skip: false };
  console.warn(
    `\n⚠ PostgreSQL binaries not found: the PostgreSQL store tests are SKIPPED. To run them, ${INSTALL_HINT}.\n`,
  );
  return { bin: null, skip: true };
}

export async function startPostgres(bin = findPostgresBin()): Promise<PostgresCluster> {
  if (!bin) throw new Error(`PostgreSQL binaries (initdb, pg_ctl, postgres) not found: ${INSTALL_HINT}`);
  const asRoot = process.getuid?.() === 0;
  const root = mkdtempSync(join(tmpdir(), 'srm-pg-'));
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(root, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = async (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    return run(file, argv, { cwd: root, timeout: 60_000 });
  };
  try {
    await as('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--no-locale',
    ]);
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${describeExecError(err)}`);
  }
  let port = 0;
  let started = false;
  for (let attempt = 0; attempt < 3 && !started; attempt++) {
    port = await freePort();
    try {
      await as('pg_ctl', [
        '-D',
        data,
        '-w',
        '-t',
        '30',
        '-l',
        log,
        '-o',
        `-p ${port} -h 127.0.0.1 -k ${root}`,
        'start',
      ]);
      started = true;
    } catch (err) {
      if (attempt === 2) {
        const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '(no server log)';
        rmSync(root, { recursive: true, force: true });
        throw new Error(`pg_ctl start failed: ${describeExecError(err)}\n${serverLog}`);
      }
    }
  }
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      try {
        await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function describeExecError(err: unknown): string {
  const e = err as { message?: string; stderr?: string };
  return `${e.message ?? String(err)}${e.stderr ? `\n${e.stderr}` : ''}`;
}
