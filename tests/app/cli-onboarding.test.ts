import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { ownerOfPrompt } from '../helpers/onboarding.js';

const SRM = join(PACKAGE_ROOT, 'dist/src/app/cli.js');

function srm(args: string[], input: string) {
  const r = spawnSync(process.execPath, [SRM, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('srm quiz and srm tour (piped input)', () => {
  it('plays a full round typed as aws / next, scores it against each duty’s owner, then shows progress', () => {
    const r = srm(['quiz'], `${'aws\nnext\n'.repeat(4)}aws\nprogress\nexit\n`);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const prompts = [...r.stdout.matchAll(/^(Who does this.*\?)$/gm)].map((m) => m[1] as string);
    expect(prompts).toHaveLength(5);
    for (let i = 1; i <= 5; i++) expect(r.stdout).toContain(`Question ${i} of 5`);
    const right = prompts.filter((p) => ownerOfPrompt(p) === 'aws').length;
    expect(r.stdout).toContain(`Round over: ${right} of 5 right`);
    expect(r.stdout).toContain(`Questions answered: 5 (${right} right, ${5 - right} missed)`);
  });

  it('walks the tour with the step numbers it prints, and ends by offering the quiz', () => {
    const r = srm(['tour'], 'tour 2\ntour 7\nexit\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Step 1 of 7: Security of the cloud, security in the cloud');
    expect(r.stdout).toContain('[Next] type: tour 2');
    expect(r.stdout).toContain('Step 2 of 7: The layers');
    expect(r.stdout).toContain('[Start the quiz] type: quiz');
  });
});
