import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, decodeFeedback, encodeFeedback } from '../../../src/adapters/slack/actions.js';
import { SLACK_REPLIES } from '../../../src/adapters/slack/text.js';
import type { FeedbackLog } from '../../../src/feedback.js';
import { type SlackHarness, startSlackHarness } from '../../helpers/slack/harness.js';
import { buttonClick, nextTs, postInteraction } from '../../helpers/slack/requests.js';

const value = encodeFeedback(
  { intent: 'who_owns', service: 'rds', topic: 'patching', owner: 'aws', control: null, confidence: 0.9 },
  'who patches rds',
);

describe('Slack feedback clicks: written, then acknowledged (src/adapters/slack/listeners/feedback.ts)', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const click = (harness: SlackHarness, id: string) =>
    postInteraction(
      harness.url,
      buttonClick({
        actionId: ACTION.helpful,
        value,
        responseUrl: harness.fake.responseUrl(id),
        where: { kind: 'message', channel: 'C0FB', ts: nextTs() },
      }),
    );

  it('acknowledges a click only after its record is written', async () => {
    const events: string[] = [];
    const slow: FeedbackLog = {
      async record() {
        await new Promise((r) => setTimeout(r, 300));
        events.push('written');
      },
    };
    h = await startSlackHarness({ feedback: slow });
    const res = await click(h, 'slow');
    events.push('acked');
    expect(res.status).toBe(200);
    expect(events).toEqual(['written', 'acked']);
  });

  it('says the feedback was not saved when the write fails, instead of the generic apology', async () => {
    const broken: FeedbackLog = {
      async record() {
        throw new Error('EACCES: permission denied');
      },
    };
    const harness = await startSlackHarness({ feedback: broken });
    h = harness;
    expect((await click(harness, 'broken')).status).toBe(200);
    const reply = await harness.fake.waitFor(
      () => harness.fake.responses.find((r) => r.id === 'broken'),
      'the reply',
    );
    expect(reply.body.text).toBe(SLACK_REPLIES.feedbackNotSaved);
    await new Promise((r) => setTimeout(r, 200));
    expect(harness.fake.responses.filter((r) => r.id === 'broken')).toHaveLength(1);
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('Slack feedback values are checked field by field (issue 18 item 11)', () => {
  const forged = (meta: Record<string, unknown>) => JSON.stringify({ m: meta, q: 'who patches rds' });
  const good = {
    intent: 'who_owns',
    service: 'rds',
    topic: 'patching',
    owner: 'aws',
    control: null,
    confidence: 0.9,
  };

  it.each([
    ['an unknown intent', { ...good, intent: 'drop_tables' }],
    ['a service id with markup', { ...good, service: '<script>' }],
    ['an unknown topic', { ...good, topic: 'root-access' }],
    ['an owner that is not one', { ...good, owner: 'nobody' }],
    ['a confidence out of range', { ...good, confidence: 7 }],
    ['a duty key that is not one', { ...good, duty: 'rds.x; DROP TABLE' }],
  ])('refuses %s', (_, meta) => {
    expect(decodeFeedback(forged(meta))).toBeNull();
  });

  it('keeps only the known fields of a good value', () => {
    const v = decodeFeedback(forged({ ...good, duty: 'rds.maintenance-window', extra: 'x' }));
    expect(v?.meta).toEqual({ ...good, duty: 'rds.maintenance-window' });
  });
});
