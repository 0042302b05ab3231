import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/adapters/slack/actions.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { FeedbackRow } from '../../src/store/types.js';
import { type PostgresCluster, postgresAvailability, startPostgres } from '../helpers/postgres.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { type ApiCall, type FakeSlack, startFakeSlack } from '../helpers/slack/fake-slack.js';
import { buttons, feedbackOf, nativeFeedback } from '../helpers/slack/harness.js';
import {
  appMention,
  buttonClick,
  eventCallback,
  IDS,
  nextTs,
  postEvent,
  postInteraction,
  SIGNING_SECRET,
} from '../helpers/slack/requests.js';

/**
 * Two `npm start` processes on two ports sharing one PostgreSQL, as behind a load balancer: what one
 * replica claimed, remembered or recorded, the other sees. The figures are printed for the record.
 */
const { bin, skip } = postgresAvailability();

const mention = (text: string) => `<@${IDS.bot.user}> ${text}`;
// Mentions carry Slack's native thumbs, other answers the Helpful button: either names what was answered.
const metaOf = (call: ApiCall) => feedbackOf(call.args)?.meta;

describe.skipIf(skip)('two replicas sharing one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let url = '';
  let fake: FakeSlack;
  let a: ServerProcess;
  let b: ServerProcess;
  const events = (s: ServerProcess) => `${s.base}/slack/events`;
  const postsIn = (channel: string) =>
    fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const rows = async (): Promise<FeedbackRow[]> => {
    const store = await openPostgresStore(url, { sweepIntervalMs: 0 });
    try {
      return await store.feedback.rows(new Date(0), new Date(Date.now() + 60_000));
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    cluster = await startPostgres(bin);
    url = await cluster.createDatabase('replicas');
    fake = await startFakeSlack();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: url,
    };
    // One after the other: the first creates the tables, the second finds them migrated.
    a = await startServerProcess(env);
    b = await startServerProcess(env);
  }, 60_000);

  afterAll(async () => {
    a?.kill();
    b?.kill();
    await fake?.close();
    await cluster?.stop();
    for (const s of [a, b]) if (s) rmSync(s.dir, { recursive: true, force: true });
  });

  it('answers an event once when its retries land on the other replica', async () => {
    const channels = Array.from({ length: 10 }, (_, i) => `C0REPLICA${i}`);
    const bodies = channels.map((channel) =>
      eventCallback(appMention({ text: mention('who patches rds'), channel })),
    );
    // First delivery to A; Slack's retries (1 and 2) to B, at once, as a load balancer spreads them.
    const sent = await Promise.all(
      bodies.flatMap((body) => [
        postEvent(events(a), body),
        postEvent(events(b), body, {
          headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
        }),
        postEvent(events(b), body, {
          headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
        }),
      ]),
    );
    expect(sent.map((r) => r.status)).toEqual(sent.map(() => 200));
    await fake.waitFor(
      () => (channels.every((c) => postsIn(c).length >= 1) ? true : undefined),
      'an answer in every channel',
    );
    await new Promise((r) => setTimeout(r, 500)); // time for a second answer, if one were coming
    const answered = channels.reduce((n, c) => n + postsIn(c).length, 0);
    console.info(`replicas: ${sent.length} deliveries of ${bodies.length} events sent, ${answered} answered`);
    expect(answered).toBe(bodies.length);
  });

  it('keeps the topic when the follow-up reaches the other replica', async () => {
    const channel = 'C0REPLICAFOLLOW';
    const root = nextTs();
    await postEvent(
      events(a),
      eventCallback(appMention({ text: mention('who patches rds'), channel, ts: root })),
    );
    const first = await fake.waitFor(() => postsIn(channel)[0], 'the answer from A');
    expect(metaOf(first)).toMatchObject({ service: 'rds', topic: 'patching' });
    await postEvent(
      events(b),
      eventCallback(appMention({ text: mention('and lambda?'), channel, ts: nextTs(), thread_ts: root })),
    );
    const second = await fake.waitFor(() => postsIn(channel)[1], 'the answer from B');
    expect(second.args.thread_ts).toBe(root);
    expect(metaOf(second)).toMatchObject({ service: 'lambda', topic: 'patching' });
  });

  it('records feedback clicked on either replica in one table', async () => {
    const before = (await rows()).length;
    const answer = (await fake.waitFor(() => postsIn('C0REPLICAFOLLOW')[0], 'an answer')).args;
    const value =
      buttons(answer).find((x) => x.action_id === ACTION.helpful)?.value ?? nativeFeedback(answer)?.positive;
    if (!value) throw new Error('the answer has no feedback button');
    const clicks = Array.from({ length: 20 }, (_, i) => ({
      server: i % 2 === 0 ? a : b,
      actionId: i % 2 === 0 ? ACTION.helpful : ACTION.notQuite,
      user: `U0CLICK${i}`,
    }));
    const results = await Promise.all(
      clicks.map((c, i) =>
        postInteraction(
          events(c.server),
          buttonClick({
            actionId: c.actionId,
            value,
            user: c.user,
            responseUrl: fake.responseUrl(`replica-click-${i}`),
            where: { kind: 'message', channel: 'C0REPLICAFOLLOW', ts: nextTs() },
          }),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(clicks.map(() => 200));
    const written = (await rows()).slice(before);
    console.info(`replicas: ${clicks.length} feedback clicks on 2 replicas, ${written.length} rows found`);
    expect(written).toHaveLength(clicks.length);
    expect(written.filter((r) => r.verdict === 'helpful')).toHaveLength(10);
    expect(written.filter((r) => r.verdict === 'not_quite')).toHaveLength(10);
    expect(new Set(written.map((r) => r.userHash)).size).toBe(20);
    expect(written.every((r) => r.platform === 'slack' && r.team === IDS.team)).toBe(true);
  });

  it('loses no acknowledged click when a replica is killed in the middle of a burst', async () => {
    const before = (await rows()).length;
    const answer = (await fake.waitFor(() => postsIn('C0REPLICAFOLLOW')[0], 'an answer')).args;
    const value = (buttons(answer).find((x) => x.action_id === ACTION.notQuite)?.value ??
      nativeFeedback(answer)?.negative) as string;
    const acked: string[] = [];
    let sent = 0;
    const click = async (server: ServerProcess, i: number) => {
      sent++;
      const user = `U0BURST${i}`;
      const res = await postInteraction(
        events(server),
        buttonClick({
          actionId: ACTION.notQuite,
          value,
          user,
          responseUrl: fake.responseUrl(`burst-${i}`),
          where: { kind: 'message', channel: 'C0REPLICAFOLLOW', ts: nextTs() },
        }),
      ).catch(() => null); // the killed replica drops its connections
      if (res?.status === 200) acked.push(user);
    };
    // Waves of clicks on both replicas; A is SIGKILLed while a wave is in flight.
    const aGone = new Promise((resolve) => a.child.once('exit', resolve));
    let i = 0;
    for (let wave = 0; wave < 8; wave++) {
      const batch = Array.from({ length: 10 }, () => {
        const n = i++;
        return click(n % 2 === 0 ? a : b, n);
      });
      if (wave === 4) setTimeout(() => a.kill(), 2);
      await Promise.all(batch);
      if (wave === 4) await aGone;
    }
    const written = (await rows()).slice(before);
    const users = new Set(written.map((r) => r.userHash));
    console.info(
      `replicas: kill test: ${sent} clicks sent, ${acked.length} acknowledged, ${written.length} rows found`,
    );
    const { hashUser } = await import('../../src/feedback.js');
    for (const u of acked) expect(users.has(hashUser(u)), `acked click of ${u}`).toBe(true);
    expect(written.length).toBeLessThanOrEqual(sent);
    for (const r of written) {
      expect(r).toMatchObject({ platform: 'slack', team: IDS.team, verdict: 'not_quite' });
      expect(r.question.length).toBeGreaterThan(0);
      expect(r.answered).toMatch(/^rds[./]/);
    }
    expect(acked.length).toBeLessThan(sent); // A really was killed with clicks unanswered
  });
});
