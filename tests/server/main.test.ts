import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/boot.js';
import { type FakeSlack, startFakeSlack } from '../helpers/slack/fake-slack.js';
import { appMention, eventCallback, postEvent, SIGNING_SECRET } from '../helpers/slack/requests.js';

/** `npm start` with Slack settings: the real composition root, as a child process, on a free port. */
describe('the server process (src/main.ts)', () => {
  let fake: FakeSlack;
  let child: ChildProcess;
  let stderr = '';
  let base = '';
  const exited = () => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  beforeAll(async () => {
    fake = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'srm-main-'));
    child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/src/main.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        SRM_FEEDBACK_LOG: join(dir, 'feedback.jsonl'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    base = await new Promise<string>((resolve, reject) => {
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
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake.close();
  });

  it('checked the bot token once at start-up', () => {
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('serves /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', routes: ['/slack/events'] });
  });

  it('answers a mention on /slack/events in a thread', async () => {
    const mention = appMention({ text: '<@U0BOT> who patches RDS?' });
    const res = await postEvent(`${base}/slack/events`, eventCallback(mention));
    expect(res.status).toBe(200);
    const post = await fake.waitFor(() => fake.callsTo('chat.postMessage')[0], 'a reply');
    expect(post.args.thread_ts).toBe(mention.ts);
    expect(String(post.args.text)).toMatch(/AWS/);
  });

  it('answers 404 on unknown paths', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('shuts down on SIGTERM and exits 0', async () => {
    const done = exited();
    child.kill('SIGTERM');
    expect(await done).toBe(0);
    expect(stderr).toMatch(/stopped/);
  });

  it('logs JSON lines on stderr without secrets', () => {
    expect(stderr).not.toContain(SIGNING_SECRET);
    expect(stderr).not.toContain('xoxb-test');
    const lines = stderr.trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  });
});
