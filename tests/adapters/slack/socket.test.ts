import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, decodeFeedback } from '../../../src/adapters/slack/actions.js';
import {
  createSlackAdapter,
  type SlackAdapter,
  SlackStartupError,
} from '../../../src/adapters/slack/index.js';
import type { AdapterState } from '../../../src/adapters/state.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/slack/fake-slack.js';
import { buttons, memoryLogger, slackConfig, testEngine } from '../../helpers/slack/harness.js';
import {
  appMention,
  buttonClick,
  eventCallback,
  IDS,
  nextTs,
  slashCommand,
} from '../../helpers/slack/requests.js';
import { memoryState } from '../../helpers/state.js';

let fake: FakeSlack;
let adapter: SlackAdapter;

let state: AdapterState;
const deps = () => ({ engine: testEngine(), logger: memoryLogger().logger, state });

beforeAll(async () => {
  state = (await memoryState()).state;
  fake = await startFakeSlack();
  adapter = createSlackAdapter({
    config: slackConfig(fake, { mode: 'socket', appToken: 'xapp-test', signingSecret: undefined }),
    ...deps(),
  });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});
afterEach(() => {
  expect(fake.violations).toEqual([]);
});

const postsIn = (channel: string) =>
  fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

describe('Slack in Socket Mode', () => {
  it('checks the bot token, then opens the connection with the app-level token', () => {
    expect(adapter.requestListener).toBeUndefined();
    const methods = fake.calls.map((c) => c.method);
    expect(methods.slice(0, 2)).toEqual(['auth.test', 'apps.connections.open']);
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-test');
  });

  it('acks an events_api envelope and answers the mention in its thread', async () => {
    const ts = nextTs();
    const ack = await fake.sendEnvelope({
      type: 'events_api',
      payload: eventCallback(
        appMention({ text: `<@${IDS.bot.user}> who patches rds`, channel: 'C0SOCKET', ts }),
      ),
    });
    expect(ack.envelope_id).toMatch(/^env-/);
    const post = await fake.waitFor(() => postsIn('C0SOCKET')[0], 'answer over socket');
    expect(post.args.thread_ts).toBe(ts);
  });

  it('answers a retried envelope once', async () => {
    const payload = eventCallback(
      appMention({ text: `<@${IDS.bot.user}> who patches ec2`, channel: 'C0SOCKETRETRY' }),
    );
    await fake.sendEnvelope({ type: 'events_api', payload });
    await fake.waitFor(() => postsIn('C0SOCKETRETRY')[0], 'first answer');
    await fake.sendEnvelope({ type: 'events_api', payload, retry_attempt: 1, retry_reason: 'timeout' });
    // A later question is answered after the retry was handled.
    await fake.sendEnvelope({
      type: 'events_api',
      payload: eventCallback(
        appMention({ text: `<@${IDS.bot.user}> who patches s3`, channel: 'C0SOCKETLATER' }),
      ),
    });
    await fake.waitFor(() => postsIn('C0SOCKETLATER')[0], 'later answer');
    expect(postsIn('C0SOCKETRETRY')).toHaveLength(1);
  });

  it('answers a slash command envelope inside its ack', async () => {
    const ack = await fake.sendEnvelope({
      type: 'slash_commands',
      payload: slashCommand({ text: 'who patches lambda', responseUrl: fake.responseUrl('socket-cmd') }),
    });
    expect(ack.envelope_id).toBeDefined();
    const body = ack.payload as Record<string, unknown>;
    expect(body.response_type).toBe('ephemeral');
    const value = buttons(body).find((b) => b.action_id === ACTION.helpful)?.value;
    expect(decodeFeedback(value)?.meta).toMatchObject({ service: 'lambda', topic: 'patching' });
  });

  it('handles an interactive envelope (Share in channel)', async () => {
    await fake.sendEnvelope({
      type: 'interactive',
      payload: buttonClick({
        actionId: ACTION.share,
        value: 'who patches rds',
        responseUrl: fake.responseUrl('socket-share'),
        where: { kind: 'ephemeral' },
      }),
    });
    const shared = await fake.waitFor(
      () => fake.responses.find((r) => r.id === 'socket-share'),
      'shared answer',
    );
    expect(shared.body.response_type).toBe('in_channel');
  });
});

describe('Socket Mode start-up', () => {
  it('fails with a clear error naming SLACK_APP_TOKEN when Slack refuses it', async () => {
    const other = createSlackAdapter({
      config: slackConfig(fake, { mode: 'socket', appToken: 'xapp-revoked', signingSecret: undefined }),
      ...deps(),
    });
    const err = await other.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SlackStartupError);
    expect((err as SlackStartupError).code).toBe('SLACK_SOCKET_FAILED');
    expect((err as Error).message).toContain('SLACK_APP_TOKEN');
    expect((err as Error).message).not.toContain('xapp-revoked');
  });
});
