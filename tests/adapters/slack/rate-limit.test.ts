import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackHarness, startSlackHarness } from '../../helpers/slack/harness.js';
import { appMention, eventCallback, postEvent } from '../../helpers/slack/requests.js';

/** A 429 for one conversation holds that conversation's call only, and never longer than the cap. */
describe('Slack rate limits (src/adapters/slack/outbound.ts)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const answered = (channel: string, n = 1) =>
    h.fake.waitFor(
      () => {
        const ok = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
        return ok.length >= n ? ok : undefined;
      },
      `answers in ${channel}`,
      10_000,
    );

  it("answers everyone else at once while one user's channel is told to wait 20 s", async () => {
    h.fake.rateLimit((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0SLOW', 20);
    await postEvent(
      h.url,
      eventCallback(appMention({ text: '<@U0BOT> who patches RDS?', channel: 'C0SLOW' })),
    );
    await answered('C0SLOW'); // the 429
    const started = Date.now();
    await postEvent(
      h.url,
      eventCallback(appMention({ text: '<@U0BOT> who patches RDS?', channel: 'C0FAST' })),
    );
    await answered('C0FAST');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('waits out a short Retry-After for that call and delivers the answer', async () => {
    h.fake.rateLimit((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0BRIEF', 1);
    const started = Date.now();
    await postEvent(
      h.url,
      eventCallback(appMention({ text: '<@U0BOT> who patches RDS?', channel: 'C0BRIEF' })),
    );
    await answered('C0BRIEF', 2); // the 429, then the delivered answer
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
