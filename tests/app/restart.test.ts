import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { type ApiCall, type FakeSlack, startFakeSlack } from '../helpers/slack/fake-slack.js';
import { feedbackOf } from '../helpers/slack/harness.js';
import {
  appMention,
  eventCallback,
  IDS,
  nextTs,
  postEvent,
  SIGNING_SECRET,
} from '../helpers/slack/requests.js';

// Mentions carry Slack's native thumbs, other answers the Helpful button: either names what was answered.
const metaOf = (call: ApiCall) => feedbackOf(call.args)?.meta;

/** `npm start` with no store setting keeps its state in SQLite under ./var, so a restart forgets nothing. */
describe('a restart on the default SQLite store', () => {
  let fake: FakeSlack;
  let first: ServerProcess;
  let second: ServerProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeSlack();
    env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl };
    first = await startServerProcess(env);
  });
  afterAll(async () => {
    first?.kill();
    second?.kill();
    await fake?.close();
    if (first) rmSync(first.dir, { recursive: true, force: true });
  });

  it('keeps the topic of a thread across a restart, and a retry after it is still answered once', async () => {
    const channel = 'C0RESTART';
    const root = nextTs();
    const posts = () => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
    const question = eventCallback(
      appMention({ text: `<@${IDS.bot.user}> who patches rds`, channel, ts: root }),
    );
    await postEvent(`${first.base}/slack/events`, question);
    expect(metaOf(await fake.waitFor(() => posts()[0], 'the first answer'))).toMatchObject({
      service: 'rds',
      topic: 'patching',
    });
    expect(existsSync(join(first.dir, 'var', 'srm.sqlite'))).toBe(true);

    const stopped = first.exited();
    first.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    second = await startServerProcess(env, { dir: first.dir });

    // Slack retries the first question to the new process: already answered.
    await postEvent(`${second.base}/slack/events`, question, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await postEvent(
      `${second.base}/slack/events`,
      eventCallback(
        appMention({ text: `<@${IDS.bot.user}> and lambda?`, channel, ts: nextTs(), thread_ts: root }),
      ),
    );
    const followUp = await fake.waitFor(() => posts()[1], 'the answer after the restart');
    expect(metaOf(followUp)).toMatchObject({ service: 'lambda', topic: 'patching' });
    expect(posts()).toHaveLength(2);
  });
});
