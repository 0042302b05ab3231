import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';

const SRM = join(PACKAGE_ROOT, 'dist/src/app/cli.js');
const SERVER = join(PACKAGE_ROOT, 'dist/src/app/server.js');
const EXAMPLE = join(PACKAGE_ROOT, 'examples/org.yaml');

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 20_000,
    input: '',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function badFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'srm-org-cli-')), 'org.yaml');
  writeFileSync(
    file,
    'teams:\n  db:\n    name: Database Platform\n    slack: db\nrules:\n  - service: rdss\n    team: db\n',
  );
  return file;
}

describe('srm with an ownership file', () => {
  it('validate checks it and says so', () => {
    const r = run(SRM, ['validate'], { SRM_ORG_FILE: EXAMPLE });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok: ownership file: 6 teams, \d+ rules/);
  });
  it('validate lists every problem of a bad file and exits 1', () => {
    const file = badFile();
    writeFileSync(
      file,
      'teams:\n  db:\n    name: DB\nrules:\n  - service: rdss\n    team: db\n  - topic: bakup\n    team: dba\n',
    );
    const r = run(SRM, ['validate', '--org', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ORG_INVALID/);
    expect(r.stderr).toMatch(
      /org\.yaml: rules\.0\.service\.0: unknown service "rdss" \(did you mean "rds"\?\)\n/,
    );
    expect(r.stderr).toMatch(/org\.yaml: rules\.1\.team: unknown team "dba" \(teams: db\)\n/);
    expect(r.stderr).toMatch(
      /org\.yaml: rules\.1\.topic\.0: unknown topic "bakup" \(did you mean "backup"\?\)/,
    );
  });
  it('owners --unowned --csv prints the gaps as CSV', () => {
    const r = run(SRM, ['owners', '--unowned', '--csv', '--org', EXAMPLE]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toMatch(/^service,duty,topic,/);
    expect(lines.slice(1).every((l) => /^(kms|cloudtrail),/.test(l))).toBe(true);
  });
  it('owners without a file says how to add one, exit 2', () => {
    const r = run(SRM, ['owners']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no ownership file.*SRM_ORG_FILE/);
  });
  it('ask names our team', () => {
    const r = run(SRM, ['ask', 'who sets the rds backup retention'], { SRM_ORG_FILE: EXAMPLE });
    expect(r.stdout).toMatch(/On our side: Storage and Backup \(#storage/);
  });
  it('a file that fails validation stops the server, with the errors listed', () => {
    const r = run(SERVER, [], { SRM_ORG_FILE: badFile() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/srm-bot cannot start \(ORG_INVALID\)/);
    expect(r.stderr).toMatch(/org\.yaml: teams\.db\.slack: a Slack channel/);
  });
});
