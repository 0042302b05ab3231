import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { type FakeSlack, startFakeSlack } from '../helpers/slack/fake-slack.js';
import { appMention, eventCallback, postEvent, SIGNING_SECRET } from '../helpers/slack/requests.js';

/** `npm start` with Slack settings: the real composition root, as a child process, on a free port. */
describe('the server process (src/app/server.ts)', () => {
  let fake: FakeSlack;
  let server: ServerProcess;
  let base = '';

  beforeAll(async () => {
    fake = await startFakeSlack();
    server = await startServerProcess({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    base = server.base;
  });

  afterAll(async () => {
    server.kill();
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
    const done = server.exited();
    server.child.kill('SIGTERM');
    expect(await done).toBe(0);
    expect(server.stderr()).toMatch(/stopped/);
  });

  it('logs JSON lines on stderr without secrets', () => {
    expect(server.stderr()).not.toContain(SIGNING_SECRET);
    expect(server.stderr()).not.toContain('xoxb-test');
    const lines = server.stderr().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  });
});
