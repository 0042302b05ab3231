import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { TOPICS } from '../../src/kb/ids.js';
import { copyOfData, editService, ISSUE_SERVICES, SERVICE_FILES, topicOf } from '../kb/helpers.js';

const SRM = join(PACKAGE_ROOT, 'dist/src/app/cli.js');

function srm(args: string[]) {
  const r = spawnSync(process.execPath, [SRM, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The table's service rows: the lines between the header and the blank line before the totals. */
function tableRows(stdout: string): string[] {
  const lines = stdout.split('\n');
  const end = lines.indexOf('');
  return lines.slice(1, end === -1 ? undefined : end);
}

beforeAll(() => {
  if (existsSync(SRM)) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: PACKAGE_ROOT, stdio: 'inherit' });
}, 120_000);

describe('srm validate --coverage', () => {
  it('prints the service × topic table for every service file and exits 0', () => {
    const r = srm(['validate', '--coverage']);
    expect(r.code, r.stderr).toBe(0);
    const [header] = r.stdout.split('\n');
    expect(header).toMatch(/^service\s+phys\s+infras/);
    const rows = tableRows(r.stdout);
    expect(rows).toHaveLength(SERVICE_FILES);
    expect(rows.map((row) => row.split(/\s+/)[0]).sort()).toEqual([...ISSUE_SERVICES].sort());
    for (const row of rows) expect(row.split(/\s+/).slice(1, 18).join(' ')).toMatch(/^([ACS-] ?){17}$/);
    expect(r.stdout).toMatch(
      new RegExp(`^${SERVICE_FILES} services; cells: A=\\d+ C=\\d+ S=\\d+ not applicable=\\d+ gaps=0$`, 'm'),
    );
    expect(r.stdout).not.toMatch(/^gap:/m);
  });

  it('exits 1 and names the file and field when an applicable cell lacks its text', () => {
    const dataDir = copyOfData();
    editService(dataDir, 'rds', (s) => {
      topicOf(s, 'backup').customer = '';
    });
    const r = srm(['validate', '--coverage', '--data', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/KB_INVALID/);
    expect(r.stderr).toMatch(/services\/rds\.json: topics\.backup\.customer: /);
  });

  it('exits 1 and lists the gap when an applicable topic is missing altogether', () => {
    const dataDir = copyOfData();
    editService(dataDir, 'ec2', (s) => {
      delete (s.topics as Record<string, unknown>).application;
    });
    const r = srm(['validate', '--coverage', '--data', dataDir]);
    expect(r.code).toBe(1);
    const ec2 = tableRows(r.stdout).find((row) => row.startsWith('ec2 '));
    expect(ec2?.split(/\s+/)[TOPICS.indexOf('application') + 1]).toBe('?');
    expect(r.stdout).toMatch(/^gap: ec2\/application: missing/m);
    expect(r.stdout).toMatch(/gaps=1$/m);
  });
});
