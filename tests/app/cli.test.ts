import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';

const SRM = join(PACKAGE_ROOT, 'dist/src/app/cli.js');

/** The CLI's state (chat context, feedback) goes to a folder of the test run, not the repository's var/. */
const STATE_DIR = mkdtempSync(join(tmpdir(), 'srm-cli-state-'));
afterAll(() => rmSync(STATE_DIR, { recursive: true, force: true }));

function srm(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [SRM, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', SRM_STATE_DIR: STATE_DIR, ...env },
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('srm ask', () => {
  it('answers in plain text with the owner, the control and links', () => {
    const r = srm(['ask', 'who patches RDS?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\[AWS\]/);
    expect(r.stdout).toMatch(/Patch management \(shared control\)/);
    expect(r.stdout).toMatch(/RDS\.13/);
    expect(r.stdout).toMatch(/https:\/\/docs\.aws\.amazon\.com\//);
  });
  it('--json prints the answer object', () => {
    const r = srm(['ask', '--json', 'do I have to patch my ec2 boxes']);
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.stdout) as { kind: string; owner: string; meta: { service: string } };
    expect(reply.kind).toBe('answer');
    expect(reply.owner).toBe('customer');
    expect(reply.meta.service).toBe('ec2');
  });
  it('without a question says how to ask, exit 2', () => {
    const r = srm(['ask']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/srm ask "who patches RDS\?"/);
  });
  it('names an unknown command', () => {
    const r = srm(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe('srm batch', () => {
  it('answers each line, replays context, reports a malformed line and exits 1', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'who patches RDS?' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 2, text: 'and lambda?', context: ['do I have to patch my ec2 boxes'] }),
      JSON.stringify({ id: 'c', text: "what's the weather in Paris" }),
      JSON.stringify({ id: 'd' }),
    ].join('\n');
    const r = srm(['batch'], input);
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({
      id: 'a',
      intent: 'who_owns',
      service: 'rds',
      topic: 'patching',
      owner: 'aws',
      control: 'patch-management',
    });
    expect(typeof lines[0]?.confidence).toBe('number');
    expect(lines[0]?.text).toMatch(/AWS/);
    expect(lines[1]).toMatchObject({ id: null });
    expect(lines[1]?.error).toMatch(/line 2: not valid JSON/);
    expect(lines[2]).toMatchObject({ id: 2, intent: 'who_owns', service: 'lambda', topic: 'patching' });
    expect(lines[3]).toMatchObject({ id: 'c', intent: 'out_of_scope', service: null, owner: null });
    expect(lines[4]).toMatchObject({ id: null });
    expect(lines[4]?.error).toMatch(/"text" a string/);
  });
  it('exits 0 when every line is good', () => {
    const r = srm(['batch'], `${JSON.stringify({ id: 1, text: 'thanks' })}\n`);
    expect(r.code).toBe(0);
  });
});

describe('srm validate', () => {
  it('passes on the bundled data', () => {
    const r = srm(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok: 40 services/);
  });
  it('names the file and the field of a broken data file, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-data-'));
    cpSync(join(PACKAGE_ROOT, 'data'), dir, { recursive: true });
    const file = join(dir, 'services', 'rds.json');
    const rds = JSON.parse(readFileSync(file, 'utf8')) as { topics: { patching: { owner: string } } };
    rds.topics.patching.owner = 'nobody';
    writeFileSync(file, JSON.stringify(rds));
    const r = srm(['validate', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/services\/rds\.json: topics\.patching/);
  });
  it('reports a malformed setting by name', () => {
    const r = srm(['validate'], undefined, { SRM_CONTEXT_TTL_MINUTES: 'soon' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SRM_CONTEXT_TTL_MINUTES must be a whole number/);
  });
});

describe('srm chat', () => {
  it('reads questions from stdin and keeps the conversation context', () => {
    const r = srm(['chat'], 'who patches RDS?\nand lambda?\nexit\n');
    expect(r.code).toBe(0);
    const answers = r.stdout
      .trim()
      .split(/\n\n+/)
      .filter((b) => b.startsWith('['));
    expect(answers[0]).toMatch(/RDS/);
    expect(answers[1]).toMatch(/Lambda/);
  });
});

describe('npm start without Slack or Teams settings', () => {
  it('runs the local chat with the same engine', () => {
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/src/app/server.js')], {
      input: 'who patches RDS?\n',
      encoding: 'utf8',
      cwd: mkdtempSync(join(tmpdir(), 'srm-start-')),
      env: { PATH: process.env.PATH ?? '' },
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[AWS\] Applying database engine and OS patches on Amazon RDS is AWS.s job/);
  });
  it('refuses to start on a malformed setting, naming it', () => {
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/src/app/server.js')], {
      encoding: 'utf8',
      cwd: mkdtempSync(join(tmpdir(), 'srm-start-')),
      env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'not-a-token' },
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SLACK_BOT_TOKEN must start with xoxb-/);
    expect(r.stderr).not.toMatch(/not-a-token/);
  });
});
