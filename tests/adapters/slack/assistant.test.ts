import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_TEXT } from '../../../src/adapters/slack/render/text.js';
import { testOnboarding } from '../../helpers/onboarding.js';
import {
  allText,
  feedbackOf,
  nativeFeedback,
  type SlackHarness,
  startSlackHarness,
  testEngine,
} from '../../helpers/slack/harness.js';
import {
  appMention,
  assistantThreadStarted,
  directMessage,
  eventCallback,
  IDS,
  nextTs,
  postEvent,
} from '../../helpers/slack/requests.js';

/** The assistant panel end to end: the real Bolt app and its `Assistant` over signed HTTP, the fake Slack. */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ onboarding: testOnboarding().onboarding });
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  expect(h.fake.violations).toEqual([]);
});

const inThread = (method: string, channel: string, thread: string) =>
  h.fake
    .callsTo(method)
    .filter((c) => (c.args.channel_id ?? c.args.channel) === channel && c.args.thread_ts === thread);
const waitForAnswer = (channel: string, thread: string, n = 1) =>
  h.fake.waitFor(
    () => inThread('chat.postMessage', channel, thread)[n - 1],
    `answer #${n} in ${channel}/${thread}`,
  );

describe('the assistant panel', () => {
  it('titles a new thread and suggests "Who patches RDS?", "Start the tour" and "Quiz me"', async () => {
    const channel = 'D0ASSIST';
    const thread = nextTs();
    const res = await postEvent(h.url, eventCallback(assistantThreadStarted({ channel, threadTs: thread })));
    expect(res.status).toBe(200);
    const prompts = await h.fake.waitFor(
      () => inThread('assistant.threads.setSuggestedPrompts', channel, thread)[0],
      'suggested prompts',
    );
    expect(prompts.token).toBe('xoxb-test');
    expect(prompts.args.prompts).toEqual([
      { title: 'Who patches RDS?', message: 'Who patches RDS?' },
      { title: 'Start the tour', message: 'tour' },
      { title: 'Quiz me', message: 'quiz' },
    ]);
    const [title] = inThread('assistant.threads.setTitle', channel, thread);
    expect(title?.args.title).toBe(SLACK_TEXT.assistant.title);
    expect(inThread('chat.postMessage', channel, thread)).toEqual([]); // no greeting message
  });

  it('answers each suggested prompt: the question, the tour and the quiz, never a fallback', async () => {
    const channel = 'D0PROMPTS';
    for (const [i, prompt] of SLACK_TEXT.assistant.prompts.entries()) {
      const thread = nextTs();
      await postEvent(
        h.url,
        eventCallback(
          directMessage({ text: prompt.message, channel, thread_ts: thread, user: `U0PROMPT${i}` }),
        ),
      );
      const answer = await waitForAnswer(channel, thread);
      const fallback = testEngine().respond({ text: 'xyzzy plugh', conversationKey: `fallback:${i}` });
      expect(String(answer.args.text)).not.toBe(fallback.kind === 'fallback' ? fallback.text : '');
      expect(allText(answer.args).length).toBeGreaterThan(0);
    }
    // A fallback would have been recorded as an unanswered question.
    await new Promise((r) => setTimeout(r, 50));
    const fallbacks = h.feedbackRecords().filter((r) => r.verdict === 'unanswered');
    expect(fallbacks.map((r) => r.question)).toEqual([]);
  });

  it('answers in the thread with a status while working, and keeps follow-up context per thread', async () => {
    const channel = 'D0ASSIST2';
    const thread = nextTs();
    const other = nextTs();
    await postEvent(h.url, eventCallback(assistantThreadStarted({ channel, threadTs: thread })));
    await postEvent(
      h.url,
      eventCallback(directMessage({ text: 'Who patches RDS?', channel, thread_ts: thread })),
    );
    const first = await waitForAnswer(channel, thread);
    const [status] = inThread('assistant.threads.setStatus', channel, thread);
    expect(status?.args.status).toBe(SLACK_TEXT.assistant.status);
    // The status was set before the answer was posted.
    expect(h.fake.calls.indexOf(status as never)).toBeLessThan(h.fake.calls.indexOf(first));
    expect(feedbackOf(first.args)?.meta).toMatchObject({ service: 'rds', topic: 'patching' });
    expect(nativeFeedback(first.args)).toBeDefined();

    // "and lambda?" follows the thread's topic; in another thread it has none to follow.
    await postEvent(h.url, eventCallback(directMessage({ text: 'and lambda?', channel, thread_ts: thread })));
    const second = await waitForAnswer(channel, thread, 2);
    expect(feedbackOf(second.args)?.meta).toMatchObject({ service: 'lambda', topic: 'patching' });
    await postEvent(h.url, eventCallback(directMessage({ text: 'and lambda?', channel, thread_ts: other })));
    const elsewhere = await waitForAnswer(channel, other);
    expect(feedbackOf(elsewhere.args)?.meta?.topic ?? null).not.toBe('patching');
  });

  it('still answers when Slack refuses the status (a DM thread outside the panel)', async () => {
    const channel = 'D0NOPANEL';
    const thread = nextTs();
    h.fake.failMethod('assistant.threads.setStatus', 'not_allowed_token_type');
    try {
      await postEvent(
        h.url,
        eventCallback(directMessage({ text: 'who patches ec2', channel, thread_ts: thread })),
      );
      const answer = await waitForAnswer(channel, thread);
      expect(feedbackOf(answer.args)?.meta).toMatchObject({ service: 'ec2' });
    } finally {
      h.fake.failMethod('assistant.threads.setStatus', null);
    }
  });

  it('ignores bot messages in assistant threads', async () => {
    const channel = 'D0ASSISTBOT';
    const thread = nextTs();
    await postEvent(
      h.url,
      eventCallback(
        directMessage({
          text: 'who patches rds',
          channel,
          thread_ts: thread,
          user: IDS.otherBot.user,
          bot_id: IDS.otherBot.id,
        }),
      ),
    );
    // A later question in another thread is answered: the bot's message would have been by then.
    const later = nextTs();
    await postEvent(
      h.url,
      eventCallback(directMessage({ text: 'who patches s3', channel, thread_ts: later })),
    );
    await waitForAnswer(channel, later);
    expect(inThread('chat.postMessage', channel, thread)).toEqual([]);
    expect(inThread('assistant.threads.setStatus', channel, thread)).toEqual([]);
  });

  it('leaves DMs outside threads and mentions to their own listeners', async () => {
    const dm = 'D0PLAINDM';
    await postEvent(h.url, eventCallback(directMessage({ text: 'who patches rds', channel: dm })));
    const post = await h.fake.waitFor(
      () => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === dm),
      'DM answer',
    );
    expect(post.args.thread_ts).toBeUndefined();
    const channel = 'C0PLAINMENTION';
    const ts = nextTs();
    await postEvent(
      h.url,
      eventCallback(appMention({ text: `<@${IDS.bot.user}> who patches rds`, channel, ts })),
    );
    await h.fake.waitFor(
      () => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === channel),
      'mention answer',
    );
    expect(h.fake.callsTo('assistant.threads.setStatus').filter((c) => c.args.channel_id === dm)).toEqual([]);
  });
});
