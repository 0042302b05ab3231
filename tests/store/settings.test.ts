import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError } from '../../src/kb/errors.js';
import { loadStoreConfig } from '../../src/store/settings.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadStoreConfig(env, '/srv/bot');
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
};

describe('store settings', () => {
  it('uses SQLite in ./var with no setting at all', () => {
    expect(loadStoreConfig({}, '/srv/bot')).toEqual({
      engine: 'sqlite',
      dir: '/srv/bot/var',
      file: '/srv/bot/var/srm.sqlite',
    });
  });

  it('puts the SQLite file in SRM_STATE_DIR, relative to the working folder', () => {
    expect(loadStoreConfig({ SRM_STATE_DIR: 'state' }, '/srv/bot')).toMatchObject({
      file: '/srv/bot/state/srm.sqlite',
    });
    expect(loadStoreConfig({ SRM_STATE_DIR: '/data/srm' }, '/srv/bot')).toMatchObject({
      file: '/data/srm/srm.sqlite',
    });
    expect(loadStoreConfig({ SRM_STATE_DIR: '  ' }, '/srv/bot')).toMatchObject({ dir: '/srv/bot/var' });
  });

  it('uses PostgreSQL when DATABASE_URL is set, whatever SRM_STATE_DIR says', () => {
    for (const url of ['postgres://srm:pw@db.internal:5432/srm', 'postgresql://db/srm?sslmode=require']) {
      expect(loadStoreConfig({ DATABASE_URL: url, SRM_STATE_DIR: 'state' })).toEqual({
        engine: 'postgres',
        url,
      });
    }
    expect(loadStoreConfig({ DATABASE_URL: 'postgres:///srm?host=/var/run/postgresql' })).toMatchObject({
      engine: 'postgres',
    });
  });

  it('names DATABASE_URL and what is expected, never repeating the password', () => {
    const cases: [string, RegExp][] = [
      ['mysql://root:hunter2@db/srm', /got a mysql:\/\/ URL/],
      ['db.internal:5432/srm', /got a db\.internal:\/\/ URL|not a URL/],
      ['hunter2', /not a URL/],
      ['postgres://user:hunter2@/srm', /not a URL/],
      ['postgres://user:hunter2@db.internal:5432', /no database name/],
    ];
    for (const [url, why] of cases) {
      const problems = problemsOf({ DATABASE_URL: url });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^DATABASE_URL must be a PostgreSQL URL such as postgres:\/\//);
      expect(problems[0]).toMatch(why);
      expect(problems[0]).not.toMatch(/hunter2/);
    }
  });

  it('refuses an SRM_STATE_DIR that is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-settings-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    expect(problemsOf({ SRM_STATE_DIR: file })).toEqual([
      `SRM_STATE_DIR must be a folder for the state database (${file} is a file)`,
    ]);
  });
});
