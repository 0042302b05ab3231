import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, decodeFeedback } from '../../../src/adapters/slack/actions.js';
import { renderReply } from '../../../src/adapters/slack/render/reply.js';
import { SLACK_TEXT } from '../../../src/adapters/slack/render/text.js';
import { OWNER_LABEL } from '../../../src/core/answer/messages.js';
import type { Engine } from '../../../src/core/engine.js';
import { hashUser } from '../../../src/feedback.js';
import { messageProblems } from '../../helpers/slack/blockkit-limits.js';
import type { ApiCall } from '../../helpers/slack/fake-slack.js';
import {
  allText,
  blocksOf,
  buttons,
  feedbackOf,
  nativeFeedback,
  type SlackHarness,
  startSlackHarness,
  testEngine,
} from '../../helpers/slack/harness.js';
import {
  appHomeOpened,
  appMention,
  buttonClick,
  directMessage,
  eventCallback,
  IDS,
  nextTs,
  postCommand,
  postEvent,
  postInteraction,
  slashCommand,
  urlVerification,
} from '../../helpers/slack/requests.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  // Every payload the app sent during the test was within Block Kit's limits and escaped.
  expect(h.fake.violations).toEqual([]);
});

const mention = (text: string) => `<@${IDS.bot.user}> ${text}`;
const postsIn = (channel: string) =>
  h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const waitForPost = (channel: string, n = 1) =>
  h.fake.waitFor(
    () => (postsIn(channel).length >= n ? postsIn(channel)[n - 1] : undefined),
    `post #${n} in ${channel}`,
  );
const waitForResponse = (id: string, n = 1) =>
  h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id)[n - 1], `response #${n} on ${id}`);
const metaOf = (call: ApiCall | Record<string, unknown>) => {
  const args = 'args' in call ? (call as ApiCall).args : call;
  return feedbackOf(args)?.meta;
};
/** The answer a slash command put in the body of its acknowledgement. */
const ackBody = (res: { status: number; body: string }) => {
  expect(res.status).toBe(200);
  expect(res.body).not.toBe('');
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(messageProblems(body)).toEqual([]);
  return body;
};

/** Sends a normal question in a fresh channel and waits for its answer: everything sent before it is done. */
async function settle(): Promise<void> {
  const channel = `C0SETTLE${nextTs().replace('.', '')}`;
  await postEvent(h.url, eventCallback(appMention({ text: mention('who patches s3'), channel })));
  await waitForPost(channel);
}

describe('Slack requests and signatures', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await postEvent(h.url, urlVerification('challenge-123'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: 'challenge-123' });
  });

  it('rejects a bad signature with 401 and answers nothing', async () => {
    const channel = 'C0BADSIG';
    const body = eventCallback(appMention({ text: mention('who patches rds'), channel }));
    expect((await postEvent(h.url, body, { signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await postEvent(h.url, body, { secret: 'not-the-secret' })).status).toBe(401);
    await settle();
    expect(postsIn(channel)).toEqual([]);
  });

  it('rejects a correctly signed request whose timestamp is over five minutes old', async () => {
    const channel = 'C0STALE';
    const body = eventCallback(appMention({ text: mention('who patches rds'), channel }));
    const res = await postEvent(h.url, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await settle();
    expect(postsIn(channel)).toEqual([]);
  });

  it('shares the HTTP server: /healthz answers and a GET on the events path is refused', async () => {
    const base = h.url.replace('/slack/events', '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { routes: string[] }).routes).toContain('/slack/events');
    expect((await fetch(h.url)).status).toBe(405);
  });
});

describe('mentions and direct messages', () => {
  it('answers a mention in a thread under the question, as Block Kit with a text fallback', async () => {
    const channel = 'C0MENTION';
    const ts = nextTs();
    const res = await postEvent(
      h.url,
      eventCallback(appMention({ text: mention('who patches RDS?'), channel, ts })),
    );
    expect(res.status).toBe(200);
    const post = await waitForPost(channel);
    expect(post.token).toBe('xoxb-test');
    expect(post.args.thread_ts).toBe(ts);
    expect(typeof post.args.text).toBe('string');
    expect(String(post.args.text).length).toBeGreaterThan(0);

    const meta = metaOf(post);
    expect(meta).toMatchObject({ intent: 'who_owns', service: 'rds', topic: 'patching' });
    const blocks = blocksOf(post.args);
    const owner = meta?.owner as keyof typeof OWNER_LABEL;
    expect(blocks[0]?.type).toBe('header');
    expect(blocks[0]?.text?.text).toContain(SLACK_TEXT.ownerEmoji[owner]);
    expect(blocks[0]?.text?.text).toContain(OWNER_LABEL[owner]);
    const text = allText(blocks);
    // Short: one line for each side, the control, at most two documentation links, then Details.
    expect(text).toContain(`*${SLACK_TEXT.awsShort}:*`);
    expect(text).toContain(`*${SLACK_TEXT.yourShort}:*`);
    expect(text).toContain(`*${SLACK_TEXT.control}:*`);
    expect(text).not.toContain(SLACK_TEXT.awsSide);
    const docs = text.match(/<https:\/\/docs\.aws\.amazon\.com[^|>]*\|/g) ?? [];
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.length).toBeLessThanOrEqual(2);
    const ids = buttons(post.args).map((b) => b.action_id);
    expect(ids).toContain(ACTION.details);
    expect(ids).not.toContain(`${ACTION.followUp}_0`); // follow-ups are in the details
    // Messages the bot posts itself get Slack's native thumbs instead of Helpful / Not quite.
    expect(ids).not.toContain(ACTION.helpful);
    expect(nativeFeedback(post.args)?.action_id).toBe(ACTION.nativeFeedback);
    expect(ids).not.toContain(ACTION.share); // sharing is for private /srm answers only
  });

  it('keeps follow-up context within a thread', async () => {
    const channel = 'C0THREAD';
    const root = nextTs();
    await postEvent(
      h.url,
      eventCallback(appMention({ text: mention('who patches rds?'), channel, ts: root })),
    );
    await waitForPost(channel, 1);
    await postEvent(
      h.url,
      eventCallback(appMention({ text: mention('and lambda?'), channel, thread_ts: root })),
    );
    const second = await waitForPost(channel, 2);
    expect(second.args.thread_ts).toBe(root);
    expect(metaOf(second)).toMatchObject({ service: 'lambda', topic: 'patching' });
  });

  it('answers a direct message in the DM, not in a thread', async () => {
    const channel = 'D0ANSWER';
    await postEvent(
      h.url,
      eventCallback(directMessage({ text: 'do I have to patch my ec2 instances — merci ✓', channel })),
    );
    const post = await waitForPost(channel);
    expect(post.args.thread_ts).toBeUndefined();
    expect(metaOf(post)).toMatchObject({ service: 'ec2', topic: 'patching' });
  });

  it('ignores other bots, its own messages and message subtypes (edits, joins)', async () => {
    const channel = 'D0IGNORED';
    const ignored = [
      directMessage({ text: 'who patches rds', channel, bot_id: IDS.otherBot.id, user: IDS.otherBot.user }),
      directMessage({ text: 'who patches rds', channel, subtype: 'bot_message', bot_id: IDS.otherBot.id }),
      directMessage({ text: 'who patches rds', channel, user: IDS.bot.user, bot_id: IDS.bot.id }),
      directMessage({ text: 'who patches rds', channel, subtype: 'message_changed' }),
      directMessage({ text: 'who patches rds', channel, subtype: 'channel_join', user: IDS.user }),
      appMention({
        text: mention('who patches rds'),
        channel: 'C0IGNORED',
        bot_id: IDS.otherBot.id,
        user: IDS.otherBot.user,
      }),
    ];
    for (const e of ignored) expect((await postEvent(h.url, eventCallback(e))).status).toBe(200);
    await settle();
    expect(postsIn(channel)).toEqual([]);
    expect(postsIn('C0IGNORED')).toEqual([]);
  });

  it("drops events sent by the bot's own user (Bolt's ignoreSelf), and still answers commands", async () => {
    const own = [
      appMention({ text: mention('who patches rds'), channel: 'C0OWNUSER', user: IDS.bot.user }),
      directMessage({ text: 'who patches rds', channel: 'D0OWNUSER', user: IDS.bot.user }),
    ];
    for (const e of own) expect((await postEvent(h.url, eventCallback(e))).status).toBe(200);
    await settle();
    expect(postsIn('C0OWNUSER')).toEqual([]);
    expect(postsIn('D0OWNUSER')).toEqual([]);
    const answer = await postCommand(
      h.url,
      slashCommand({ text: 'who patches rds', responseUrl: h.fake.responseUrl('own') }),
    );
    expect(JSON.stringify(ackBody(answer))).toMatch(/Amazon RDS/);
  });

  it('answers a retried event once', async () => {
    const channel = 'C0RETRY';
    const body = eventCallback(appMention({ text: mention('who patches rds'), channel }));
    expect((await postEvent(h.url, body)).status).toBe(200);
    await waitForPost(channel);
    for (const n of ['1', '2']) {
      const retry = await postEvent(h.url, body, {
        headers: { 'x-slack-retry-num': n, 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(retry.status).toBe(200);
    }
    await settle();
    expect(postsIn(channel)).toHaveLength(1);
  });

  it('never echoes <!channel> or <!here> typed by a user as a mention', async () => {
    const channel = 'C0ESCAPE';
    await postEvent(
      h.url,
      eventCallback(appMention({ text: mention('<!channel> <!here> who patches rds? & <b>'), channel })),
    );
    const post = await waitForPost(channel);
    const payload = allText(post.args);
    expect(payload).not.toContain('<!channel>');
    expect(payload).not.toContain('<!here>');
    expect(payload).not.toContain('<b>');

    // A clicked question is echoed ("… asked: …"): it is shown as text, never as a mention.
    await postInteraction(
      h.url,
      buttonClick({
        actionId: `${ACTION.followUp}_0`,
        value: '<!channel> who patches rds',
        responseUrl: h.fake.responseUrl('escape-click'),
        where: { kind: 'message', channel, ts: nextTs() },
      }),
    );
    const echoed = allText((await waitForPost(channel, 2)).args);
    expect(echoed).not.toContain('<!channel>');
    expect(echoed).toContain('asked: &lt;!channel&gt; who patches rds');
  });

  it('records questions that ended in a fallback', async () => {
    const channel = 'D0FALLBACK';
    await postEvent(h.url, eventCallback(directMessage({ text: 'what is the weather today', channel })));
    await waitForPost(channel);
    const rec = await h.fake.waitFor(
      () => h.feedbackRecords().find((r) => r.verdict === 'unanswered' && r.question.includes('weather')),
      'fallback record',
    );
    expect(rec).toMatchObject({ platform: 'slack', team: IDS.team, userHash: hashUser(IDS.user) });
    expect(rec.answered).toBeNull(); // out of scope: nothing was answered
  });
});

describe('App Home', () => {
  it('publishes the home view when the Home tab is opened, and nothing for the Messages tab', async () => {
    const user = 'U0HOMEUSER';
    await postEvent(h.url, eventCallback(appHomeOpened({ user, tab: 'messages' })));
    await postEvent(h.url, eventCallback(appHomeOpened({ user, tab: 'home' })));
    const publish = await h.fake.waitFor(
      () => h.fake.callsTo('views.publish').find((c) => c.args.user_id === user),
      'views.publish',
    );
    const view = publish.args.view as { type: string; blocks: Array<{ type: string }> };
    expect(view.type).toBe('home');
    const text = allText(view);
    expect(text).toContain('/srm service');
    expect(text).toContain(SLACK_TEXT.home.model);
    await settle();
    expect(h.fake.callsTo('views.publish').filter((c) => c.args.user_id === user)).toHaveLength(1);
  });

  it('answers an example clicked in App Home in the direct messages', async () => {
    const user = 'U0HOMECLICK';
    const res = await postInteraction(
      h.url,
      buttonClick({
        actionId: `${ACTION.followUp}_0`,
        value: 'who patches RDS?',
        responseUrl: '',
        user,
        where: { kind: 'home' },
      }),
    );
    expect(res.status).toBe(200);
    const post = await waitForPost(user);
    expect(metaOf(post)).toMatchObject({ service: 'rds', topic: 'patching' });
  });
});

describe('/srm', () => {
  const expected = (engine: Engine, text: string) =>
    renderReply(engine.respond({ text, conversationKey: `expected:${text}` }), { shareQuestion: text });

  it('answers inside the acknowledgement, ephemerally, with a Share in channel button', async () => {
    const res = await postCommand(
      h.url,
      slashCommand({ text: 'who patches rds', responseUrl: h.fake.responseUrl('cmd-answer') }),
    );
    const body = ackBody(res);
    expect(body.response_type).toBe('ephemeral');
    expect(buttons(body).map((b) => b.action_id)).toEqual(
      expect.arrayContaining([ACTION.details, ACTION.helpful, ACTION.notQuite]),
    );
    expect(metaOf(body)).toMatchObject({ service: 'rds', topic: 'patching' });
    const share = buttons(body).find((b) => b.action_id === ACTION.share);
    expect(share?.value).toBe('who patches rds');
    expect(postsIn(IDS.channel)).toEqual([]);
    await settle();
    // No second HTTP call: the response URL is left for later updates.
    expect(h.fake.responses.filter((r) => r.id === 'cmd-answer')).toEqual([]);
  });

  it.each([
    ['', 'help'],
    ['help', 'help'],
    ['service rds', 'service rds'],
    ['model', 'model'],
    ['controls', 'controls'],
  ])('/srm %s answers like the core\'s "%s" command', async (text, asked) => {
    const id = `cmd-${text.replace(/ /g, '-') || 'empty'}`;
    const body = ackBody(
      await postCommand(h.url, slashCommand({ text, responseUrl: h.fake.responseUrl(id) })),
    );
    const want = expected(testEngine(), asked);
    expect(body.blocks).toEqual(want.blocks);
    expect(body.text).toBe(want.text);
  });

  it('shows the whole responsibility table for /srm service rds', async () => {
    const body = ackBody(
      await postCommand(
        h.url,
        slashCommand({ text: 'service rds', responseUrl: h.fake.responseUrl('cmd-table') }),
      ),
    );
    const rows = testEngine().respond({ text: 'service rds', conversationKey: 'table' });
    expect(rows.kind).toBe('overview');
    if (rows.kind !== 'overview') return;
    const text = allText(body.blocks);
    for (const r of rows.rows) expect(text).toContain(r.topicName);
  });

  it('Share in channel posts the answer for everyone and removes the private copy', async () => {
    const res = await postInteraction(
      h.url,
      buttonClick({
        actionId: ACTION.share,
        value: 'who patches rds',
        responseUrl: h.fake.responseUrl('share'),
        where: { kind: 'ephemeral' },
      }),
    );
    expect(res.status).toBe(200);
    const posted = await waitForResponse('share', 1);
    expect(posted.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(allText(posted.body.blocks)).toContain(SLACK_TEXT.sharedBy(IDS.user));
    expect(buttons(posted.body).map((b) => b.action_id)).not.toContain(ACTION.share);
    expect(metaOf(posted.body)).toMatchObject({ service: 'rds', topic: 'patching' });
    const removed = await waitForResponse('share', 2);
    expect(removed.body).toEqual({ delete_original: true });
  });

  it('answers a follow-up clicked on a private answer privately, with a share button', async () => {
    await postInteraction(
      h.url,
      buttonClick({
        actionId: `${ACTION.followUp}_1`,
        value: 'who patches lambda',
        responseUrl: h.fake.responseUrl('eph-follow'),
        where: { kind: 'ephemeral' },
      }),
    );
    const { body } = await waitForResponse('eph-follow');
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(metaOf(body)).toMatchObject({ service: 'lambda' });
    expect(buttons(body).find((b) => b.action_id === ACTION.share)?.value).toBe('who patches lambda');
  });
});

describe('buttons in channel answers', () => {
  it('records Helpful and Not quite clicks with the answer labels and a hashed user, and thanks privately', async () => {
    const channel = 'C0FEEDBACK';
    const root = nextTs();
    await postEvent(
      h.url,
      eventCallback(appMention({ text: mention('who patches rds'), channel, ts: root })),
    );
    const post = await waitForPost(channel);
    const answer = ackBody(
      await postCommand(
        h.url,
        slashCommand({ text: 'who patches rds', responseUrl: h.fake.responseUrl('fb-answer') }),
      ),
    );
    expect(nativeFeedback(answer)).toBeUndefined(); // ephemeral answers keep the classic buttons
    const value = buttons(answer).find((b) => b.action_id === ACTION.helpful)?.value ?? '';
    expect(decodeFeedback(value)?.meta).toEqual(metaOf(post));
    for (const [actionId, type, id] of [
      [ACTION.helpful, 'helpful', 'fb-helpful'],
      [ACTION.notQuite, 'not_quite', 'fb-notquite'],
    ] as const) {
      const res = await postInteraction(
        h.url,
        buttonClick({
          actionId,
          value,
          responseUrl: h.fake.responseUrl(id),
          where: { kind: 'message', channel, ts: nextTs(), thread_ts: root },
        }),
      );
      expect(res.status).toBe(200);
      const thanks = await waitForResponse(id);
      expect(thanks.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      const rec = await h.fake.waitFor(
        () => h.feedbackRecords().find((r) => r.verdict === type),
        `${type} record`,
      );
      expect(rec).toMatchObject({
        platform: 'slack',
        team: IDS.team,
        question: 'who patches rds',
        userHash: hashUser(IDS.user),
      });
      expect(rec.answered).toMatch(/^rds[./]/); // the RDS patching duty (or its area) that was answered
      expect(JSON.stringify(rec)).not.toContain(IDS.user);
    }
    expect(postsIn(channel)).toHaveLength(1); // feedback does not post in the channel
  });

  it('offers "did you mean" buttons for a weak match, records it, and answers the chosen one in the thread', async () => {
    const channel = 'C0CLARIFY';
    const root = nextTs();
    await postEvent(
      h.url,
      eventCallback(appMention({ text: mention('who patches rsd'), channel, ts: root })),
    );
    const post = await waitForPost(channel);
    const choices = buttons(post.args).filter((b) => b.action_id.startsWith(`${ACTION.choice}_`));
    expect(choices.length).toBeGreaterThan(0);
    expect(buttons(post.args).map((b) => b.action_id)).not.toContain(ACTION.helpful);
    await h.fake.waitFor(
      () => h.feedbackRecords().find((r) => r.verdict === 'unanswered' && r.question === 'who patches rsd'),
      'clarify record',
    );

    const pick = choices[0] as { action_id: string; value: string };
    await postInteraction(
      h.url,
      buttonClick({
        actionId: pick.action_id,
        value: pick.value,
        responseUrl: h.fake.responseUrl('choice'),
        where: { kind: 'message', channel, ts: nextTs(), thread_ts: root },
      }),
    );
    const answer = await waitForPost(channel, 2);
    expect(answer.args.thread_ts).toBe(root);
    expect(metaOf(answer)).toMatchObject({ service: 'rds', topic: 'patching' });
    expect(allText(answer.args.blocks)).toContain(`<@${IDS.user}> asked:`);
  });

  it('answers a follow-up clicked under a top-level message in a thread under that message', async () => {
    const channel = 'C0TOPLEVEL';
    const ts = nextTs();
    await postInteraction(
      h.url,
      buttonClick({
        actionId: `${ACTION.followUp}_0`,
        value: 'who patches s3',
        responseUrl: h.fake.responseUrl('top'),
        where: { kind: 'message', channel, ts },
      }),
    );
    const post = await waitForPost(channel);
    expect(post.args.thread_ts).toBe(ts);
  });

  it('answers the clicker privately when the bot is not in the channel', async () => {
    const channel = 'C0NOTMEMBER';
    h.fake.failMethod('chat.postMessage', 'not_in_channel');
    try {
      await postInteraction(
        h.url,
        buttonClick({
          actionId: `${ACTION.followUp}_0`,
          value: 'who patches s3',
          responseUrl: h.fake.responseUrl('not-member'),
          where: { kind: 'message', channel, ts: nextTs() },
        }),
      );
      const { body } = await waitForResponse('not-member');
      expect(body).toMatchObject({ response_type: 'ephemeral' });
      expect(metaOf(body)).toMatchObject({ service: 's3' });
    } finally {
      h.fake.failMethod('chat.postMessage', null);
    }
  });
});
