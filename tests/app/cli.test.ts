import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { SERVICE_FILES } from '../kb/helpers.js';

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
    expect(r.stdout).toMatch(new RegExp(`ok: ${SERVICE_FILES} services`));
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

describe('srm chat, srm report and srm import-feedback over one store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'srm-cli-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { SRM_STATE_DIR: dir };

  it('keeps the chat topic from one run to the next (the context is in ./var or SRM_STATE_DIR)', () => {
    expect(srm(['chat'], 'who patches RDS?\n', env).stdout).toMatch(/RDS/);
    const next = srm(['chat'], 'and lambda?\n', env);
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/^\[.*\].*Lambda/m);
  });

  it('records what the chat could not answer, and srm report lists it as a table, CSV and JSON', () => {
    expect(srm(['chat'], 'what is the best pizza topping?\n', env).code).toBe(0);
    const table = srm(['report'], undefined, env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Questions without a good answer/);
    expect(table.stdout).toMatch(/\(nothing answered\)\s+1\s+0\s+1/);
    expect(table.stdout).toMatch(/1× what is the best pizza topping/);
    const csv = srm(['report', '--csv'], undefined, env);
    expect(csv.stdout.split('\r\n')[0]).toBe('answered,verdict,question,count,team');
    expect(csv.stdout).toContain(',unanswered,what is the best pizza topping,1,\r\n');
    const json = JSON.parse(srm(['report', '--json'], undefined, env).stdout) as { total: number };
    expect(json.total).toBe(1);
    // A period before anything was asked is empty.
    expect(srm(['report', '--since', '2020-01-01', '--until', '2020-01-31'], undefined, env).stdout).toMatch(
      /none\./,
    );
  });

  it('names a bad date and a bad combination, exit 2', () => {
    const bad = srm(['report', '--since', 'last week'], undefined, env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since must be a date such as 2025-06-01/);
    expect(srm(['report', '--csv', '--json'], undefined, env).code).toBe(2);
    expect(srm(['report', '--since', '2026-02-01', '--until', '2026-01-01'], undefined, env).stderr).toMatch(
      /--since must be before --until/,
    );
  });

  it('imports an old JSONL feedback log once, and refuses the same file again', () => {
    const file = join(dir, 'feedback.jsonl');
    const line = (type: string, question: string) =>
      JSON.stringify({
        type,
        platform: 'slack',
        question,
        answer: { intent: 'who_owns', service: 'rds', topic: 'patching', owner: 'aws', control: null },
        user: 'abcdef0123456789',
        time: new Date().toISOString(),
      });
    writeFileSync(
      file,
      `${line('not_quite', 'who patches rds')}\nnot json\n${line('helpful', 'who patches rds')}\n`,
    );
    const first = srm(['import-feedback', file], undefined, env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/imported 2 rows/);
    expect(first.stdout).toMatch(/line 2: not JSON/);
    const again = srm(['import-feedback', file], undefined, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already imported/);
    const report = JSON.parse(srm(['report', '--json'], undefined, env).stdout) as {
      groups: { answered: string | null; notQuite: number }[];
    };
    expect(report.groups.find((g) => g.answered === 'rds/patching')?.notQuite).toBe(1);
    expect(srm(['import-feedback', join(dir, 'missing.jsonl')], undefined, env).stderr).toMatch(
      /cannot read/,
    );
  });
});
