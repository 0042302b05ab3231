import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../kb/errors.js';
import { STORE_TUNABLES } from './tunables.js';

/** Which engine keeps the bot's state, and where. */
export type StoreConfig =
  | { engine: 'sqlite'; dir: string; file: string }
  | { engine: 'postgres'; url: string }
  /** Never chosen from the environment: for tests of callers. */
  | { engine: 'memory' };

type Env = Record<string, string | undefined>;

const EXAMPLE_URL = 'postgres://USER:PASSWORD@HOST:5432/DATABASE';

/**
 * `DATABASE_URL` set: PostgreSQL, shared by every replica. Otherwise SQLite in `SRM_STATE_DIR`
 * (default `./var`, relative to the working folder). Problems are pushed to `problems` by variable
 * name; a URL's password is never repeated back.
 */
export function storeConfig(env: Env, problems: string[], cwd = process.cwd()): StoreConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const problem = postgresUrlProblem(url);
    if (problem) problems.push(`DATABASE_URL must be a PostgreSQL URL such as ${EXAMPLE_URL} (${problem})`);
    return { engine: 'postgres', url };
  }
  const raw = env.SRM_STATE_DIR?.trim() || 'var';
  const dir = resolve(cwd, raw);
  if (raw.includes('\0')) {
    problems.push('SRM_STATE_DIR must be a folder path (got one containing a NUL character)');
  } else {
    try {
      if (!statSync(dir).isDirectory()) {
        problems.push(`SRM_STATE_DIR must be a folder for the state database (${dir} is a file)`);
      }
    } catch {
      // Not there yet: the store creates it on first open.
    }
  }
  return { engine: 'sqlite', dir, file: join(dir, STORE_TUNABLES.sqliteFile) };
}

/** Store settings only; throws ConfigError naming each bad variable. */
export function loadStoreConfig(env: Env, cwd?: string): Readonly<StoreConfig> {
  const problems: string[] = [];
  const c = storeConfig(env, problems, cwd);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(c);
}

function postgresUrlProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'got a value that is not a URL';
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    return `got a ${u.protocol.replace(/:$/, '')}:// URL`;
  }
  // No host is allowed (postgres:///srm): like libpq, pg then uses PGHOST or the local default.
  if (u.pathname.length <= 1) return 'got no database name after the host';
  return null;
}
