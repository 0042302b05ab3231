import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, decodeFeedback, decodeToggle } from '../../../src/adapters/slack/actions.js';
import { SLACK_TEXT } from '../../../src/adapters/slack/render/text.js';
import { hashUser } from '../../../src/feedback.js';
import { answeredKey } from '../../../src/store/report.js';
import {
  allText,
  blocksOf,
  buttons,
  nativeFeedback,
  type SlackHarness,
  startSlackHarness,
} from '../../helpers/slack/harness.js';
import {
  appMention,
  buttonClick,
  directMessage,
  eventCallback,
  feedbackClick,
  IDS,
  nextTs,
  postCommand,
  postEvent,
  postInteraction,
  slashCommand,
} from '../../helpers/slack/requests.js';

/** Details / Less and the native thumbs, end to end: the real Bolt app over signed HTTP, the fake Slack. */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  expect(h.fake.violations).toEqual([]);
});

const postsIn = (channel: string) =>
  h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const waitForPost = (channel: string) => h.fake.waitFor(() => postsIn(channel)[0], `a post in ${channel}`);
const updatesOf = (channel: string) =>
  h.fake.callsTo('chat.update').filter((c) => c.args.channel === channel);
const waitForResponse = (id: string, n = 1) =>
  h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id)[n - 1], `response #${n} on ${id}`);
const button = (args: Record<string, unknown>, id: string) => {
  const b = buttons(args).find((x) => x.action_id === id);
  if (!b) throw new Error(`no ${id} button in ${allText(args).slice(0, 300)}`);
  return b;
};

describe('Details and Less', () => {
  it('expands a channel answer in place with chat.update, and folds it back', async () => {
    const channel = 'C0DETAILS';
    const root = nextTs();
    await postEvent(
      h.url,
      eventCallback(appMention({ text: `<@${IDS.bot.user}> who patches RDS?`, channel, ts: root })),
    );
    const post = await waitForPost(channel);
    const short = allText(blocksOf(post.args));
    expect(short).not.toContain(SLACK_TEXT.awsSide);
    const details = button(post.args, ACTION.details);
    expect(decodeToggle(details.value)?.ask).toMatch(/^duty rds\./);

    const ts = nextTs(); // the answer's own ts, as Slack sends it back in the click
    const click = (actionId: string, value: string) =>
      postInteraction(
        h.url,
        buttonClick({
          actionId,
          value,
          responseUrl: h.fake.responseUrl(`details-${actionId}`),
          where: { kind: 'message', channel, ts, thread_ts: root },
        }),
      );
    expect((await click(ACTION.details, details.value)).status).toBe(200);
    const full = await h.fake.waitFor(() => updatesOf(channel)[0], 'chat.update with the details');
    expect(full.args.ts).toBe(ts);
    const fullText = allText(blocksOf(full.args));
    expect(fullText).toContain(SLACK_TEXT.awsSide);
    expect(fullText).toContain(SLACK_TEXT.yourSide);
    expect(buttons(full.args).map((b) => b.action_id)).toContain(`${ACTION.followUp}_0`);
    expect(nativeFeedback(full.args)).toBeDefined();
    const less = button(full.args, ACTION.less);
    expect(less.value).toBe(details.value);

    await click(ACTION.less, less.value);
    const back = await h.fake.waitFor(() => updatesOf(channel)[1], 'chat.update folding it back');
    expect(back.args.blocks).toEqual(post.args.blocks);
    expect(postsIn(channel)).toHaveLength(1); // nothing new was posted
  });

  it('expands an ephemeral /srm answer through the response URL, replacing it', async () => {
    const res = await postCommand(
      h.url,
      slashCommand({ text: 'who patches rds', responseUrl: h.fake.responseUrl('unused') }),
    );
    const answer = JSON.parse(res.body) as Record<string, unknown>;
    const details = button(answer, ACTION.details);
    await postInteraction(
      h.url,
      buttonClick({
        actionId: ACTION.details,
        value: details.value,
        responseUrl: h.fake.responseUrl('eph-details'),
        where: { kind: 'ephemeral' },
      }),
    );
    const { body } = await waitForResponse('eph-details');
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(allText(body.blocks)).toContain(SLACK_TEXT.awsSide);
    expect(button(body, ACTION.less).value).toBe(details.value);
    // Still private, still shareable, still with the classic feedback buttons.
    expect(button(body, ACTION.share).value).toBe(decodeToggle(details.value)?.ask);
    expect(buttons(body).map((b) => b.action_id)).toContain(ACTION.helpful);
  });

  it('replaces through the response URL when Slack refuses the edit', async () => {
    const channel = 'C0NOEDIT';
    h.fake.failMethod('chat.update', 'cant_update_message');
    try {
      await postInteraction(
        h.url,
        buttonClick({
          actionId: ACTION.details,
          value: JSON.stringify({ a: 'who patches rds', q: 'who patches rds' }),
          responseUrl: h.fake.responseUrl('no-edit'),
          where: { kind: 'message', channel, ts: nextTs() },
        }),
      );
      const { body } = await waitForResponse('no-edit');
      expect(body.replace_original).toBe(true);
      expect(allText(body.blocks)).toContain(SLACK_TEXT.awsSide);
    } finally {
      h.fake.failMethod('chat.update', null);
    }
  });
});

describe('native feedback', () => {
  it('records each thumb with the answer key, so the latest click per answer and person wins', async () => {
    const channel = 'D0THUMBS';
    await postEvent(h.url, eventCallback(directMessage({ text: 'who patches rds', channel })));
    const post = await waitForPost(channel);
    const thumbs = nativeFeedback(post.args);
    if (!thumbs) throw new Error('no native feedback');
    expect(buttons(post.args).map((b) => b.action_id)).not.toContain(ACTION.helpful);
    const ts = nextTs(); // the answer's ts, as Slack sends it back with the click
    const click = (value: string, id: string) =>
      postInteraction(
        h.url,
        feedbackClick({
          actionId: thumbs.action_id,
          value,
          responseUrl: h.fake.responseUrl(id),
          channel,
          ts,
        }),
      );
    const mine = () =>
      h.feedbackRecords().filter((r) => r.platform === 'slack' && r.question === 'who patches rds');

    expect((await click(thumbs.positive, 'thumb-up')).status).toBe(200);
    await h.fake.waitFor(() => mine()[0], 'the thumbs-up record');
    expect(mine().map((r) => r.verdict)).toEqual(['helpful']);
    expect((await click(thumbs.negative, 'thumb-down')).status).toBe(200);
    await h.fake.waitFor(() => mine().find((r) => r.verdict === 'not_quite'), 'the thumbs-down record');

    // Slack sends no un-click: the thumbs-down replaced the thumbs-up, one row for the answer.
    const records = mine();
    expect(records.map((r) => r.verdict)).toEqual(['not_quite']);
    expect(records[0]).toMatchObject({
      platform: 'slack',
      question: 'who patches rds',
      userHash: hashUser(IDS.user),
      answered: answeredKey(decodeFeedback(thumbs.negative)?.meta ?? null),
      answerKey: expect.stringMatching(/^slack:[0-9a-f]{32}$/),
      askedTeam: null,
    });
    expect(JSON.stringify(records)).not.toContain(IDS.user);
    // The thumbs show their own state: a thumbs-up is not thanked, a thumbs-down gets the hint.
    const hint = await waitForResponse('thumb-down');
    expect(hint.body.text).toBe(
      'Thanks, noted: it helps improve the answers. Try rephrasing the question, or `/srm help` to see what I know.',
    );
    expect(h.fake.responses.filter((r) => r.id === 'thumb-up')).toEqual([]);
  });

  it('ignores a thumb whose value is not one of ours, and records nothing', async () => {
    const channel = 'D0BADTHUMB';
    const before = h.feedbackRecords().length;
    const res = await postInteraction(
      h.url,
      feedbackClick({
        actionId: ACTION.nativeFeedback,
        value: 'positive_feedback',
        responseUrl: h.fake.responseUrl('bad-thumb'),
        channel,
        ts: nextTs(),
      }),
    );
    expect(res.status).toBe(200);
    await h.fake.waitFor(
      () => h.logs.find((l) => l.msg === 'slack: feedback button without a valid value'),
      'the warning',
    );
    expect(h.feedbackRecords()).toHaveLength(before);
  });
});
