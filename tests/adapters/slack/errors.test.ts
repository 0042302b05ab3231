import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_TEXT } from '../../../src/adapters/slack/render/text.js';
import type { ContextualEngine } from '../../../src/core/engine.js';
import { type SlackHarness, startSlackHarness, testEngine } from '../../helpers/slack/harness.js';
import {
  appMention,
  eventCallback,
  IDS,
  nextTs,
  postCommand,
  postEvent,
  slashCommand,
} from '../../helpers/slack/requests.js';

/** The real engine, except that any question containing "explode" throws (standing in for a bug). */
function explodingEngine(): ContextualEngine {
  const real = testEngine();
  const explode = (text: string) => {
    if (text.includes('explode')) throw new TypeError('secret internal detail: cannot read x of undefined');
  };
  return {
    welcome: () => real.welcome(),
    respond(input) {
      explode(input.text);
      return real.respond(input);
    },
    respondWith(input, context) {
      explode(input.text);
      return real.respondWith(input, context);
    },
  };
}

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ engine: explodingEngine() });
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  expect(h.fake.violations).toEqual([]);
});

const referenceOf = (text: unknown) => /\(Reference: ([a-z0-9]+)\)/.exec(String(text))?.[1];

describe('the Slack error boundary', () => {
  it('apologizes privately to a failed /srm with a correlation id, and logs code, platform and conversation', async () => {
    const res = await postCommand(
      h.url,
      slashCommand({ text: 'explode please', responseUrl: h.fake.responseUrl('boom') }),
    );
    expect(res.status).toBe(200);
    const { body } = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'boom'), 'apology');
    expect(body.response_type).toBe('ephemeral');
    const id = referenceOf(body.text);
    expect(id).toBeDefined();
    expect(body.text).toBe(SLACK_TEXT.apology(id as string));
    expect(JSON.stringify(body)).not.toContain('secret internal detail');

    const line = h.logs.find((l) => l.correlationId === id);
    expect(line).toMatchObject({
      level: 50,
      platform: 'slack',
      conversation: `slack:${IDS.team}:${IDS.channel}:u:${IDS.user}`,
      kind: 'command:/srm',
    });
    expect(typeof line?.code).toBe('string');
    expect(JSON.stringify(line)).toContain('secret internal detail'); // the details are in the log
  });

  it('apologizes in the thread of a failed mention', async () => {
    const channel = 'C0BOOM';
    const ts = nextTs();
    await postEvent(h.url, eventCallback(appMention({ text: `<@${IDS.bot.user}> explode`, channel, ts })));
    const post = await h.fake.waitFor(
      () => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === channel),
      'apology in thread',
    );
    expect(post.args.thread_ts).toBe(ts);
    expect(referenceOf(post.args.text)).toBeDefined();
    expect(post.args.blocks).toBeUndefined();
  });

  it('keeps answering after an error', async () => {
    const res = await postCommand(
      h.url,
      slashCommand({ text: 'who patches rds', responseUrl: h.fake.responseUrl('after') }),
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { text?: string; blocks?: unknown };
    expect(body.text).toBeDefined();
    expect(referenceOf(body.text)).toBeUndefined();
    expect(Array.isArray(body.blocks)).toBe(true);
  });
});
